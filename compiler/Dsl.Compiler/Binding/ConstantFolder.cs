using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;
using Dsl.Runtime.Operators;

namespace Dsl.Compiler.Binding;

/// <summary>
/// Computes constant expressions at compile time: everything that may stand where a constant is
/// required (literals, operators, conditionals, <c>in</c> and the scalar functions), with the
/// runtime's own arithmetic (<see cref="ExpressionFunctions"/>), so that a constant means what
/// the same expression would compute in a rule.
/// </summary>
internal static class ConstantFolder
{
    /// <summary>The value as a double, or null when the expression is not a numeric constant.</summary>
    public static double? TryEvaluate(BoundExpression expression) => TryFold(expression) switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => null,
    };

    /// <summary>
    /// The value of a constant expression as the type it has (<c>int</c>, <c>long</c>,
    /// <c>double</c>, <c>bool</c> or <c>string</c>), or null when it reads anything but constants.
    /// Integers wrap as they do at run time; <see cref="TryEvaluateInteger"/> tells when they would.
    /// </summary>
    public static object? TryFold(BoundExpression expression) => expression switch
    {
        BoundLiteral literal => literal.Value,
        BoundConversion conversion => Convert(TryFold(conversion.Operand), conversion.Type),
        BoundUnaryExpression unary => Unary(unary.Operator, TryFold(unary.Operand)),
        BoundBinaryExpression binary => Binary(binary),
        BoundConditionalExpression conditional => TryFold(conditional.Condition) switch
        {
            true => TryFold(conditional.WhenTrue),
            false => TryFold(conditional.WhenFalse),
            _ => null,
        },
        BoundInExpression test => In(test),
        BoundCallExpression call => Call(call),
        _ => null,
    };

    /// <summary>
    /// The exact value of a constant <c>int</c> or <c>long</c> expression, without wrapping around
    /// (an Int128 holds any product of two longs): <c>+ - *</c>, negation and <c>abs</c>, which
    /// can leave the type, computed exactly, also through what passes a value on (<c>min</c>,
    /// <c>max</c>, <c>clamp</c>, <c>coalesce</c>, a conditional); null when the expression is not a
    /// constant integer. The binder compares it with the range of the expression's type.
    /// </summary>
    public static Int128? TryEvaluateInteger(BoundExpression expression) => expression switch
    {
        { Type: not (DataType.Int or DataType.Long) } => null,
        BoundConversion c => TryEvaluateInteger(c.Operand),
        BoundUnaryExpression { Operator: UnaryOperator.Negate } u => -TryEvaluateInteger(u.Operand),
        BoundBinaryExpression { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply } b =>
            TryEvaluateInteger(b.Left) is { } left && TryEvaluateInteger(b.Right) is { } right
                ? b.Operator switch
                {
                    BinaryOperator.Add => left + right,
                    BinaryOperator.Subtract => left - right,
                    _ => left * right,
                }
                : null,
        BoundConditionalExpression c => TryFold(c.Condition) switch
        {
            true => TryEvaluateInteger(c.WhenTrue),
            false => TryEvaluateInteger(c.WhenFalse),
            _ => null,
        },
        // A constant is never missing, so coalesce is its first argument (once all are constants).
        BoundCallExpression { Function: ScalarFunction.Coalesce } c => TryFold(c) is null ? null : TryEvaluateInteger(c.Arguments[0]),
        BoundCallExpression { Function: ScalarFunction.Abs or ScalarFunction.Min or ScalarFunction.Max or ScalarFunction.Clamp } c => IntegerCall(c),
        _ => TryFold(expression) switch
        {
            int i => i,
            long l => l,
            _ => null,
        },
    };

    private static Int128? IntegerCall(BoundCallExpression call)
    {
        var x = new Int128[call.Arguments.Length];
        for (int i = 0; i < x.Length; i++)
        {
            if (TryEvaluateInteger(call.Arguments[i]) is not { } value)
                return null;
            x[i] = value;
        }

        return call.Function switch
        {
            ScalarFunction.Abs => Int128.Abs(x[0]),
            ScalarFunction.Min => x.Min(),
            ScalarFunction.Max => x.Max(),
            _ => Int128.Min(Int128.Max(x[0], x[1]), x[2]),
        };
    }

    private static object? Convert(object? value, DataType type) => (value, type) switch
    {
        (int i, DataType.Long) => (long)i,
        (int i, DataType.Double) => (double)i,
        (long l, DataType.Double) => (double)l,
        (null, _) => null,
        _ => value,
    };

    private static object? Unary(UnaryOperator op, object? operand) => (op, operand) switch
    {
        (UnaryOperator.Not, bool b) => !b,
        (UnaryOperator.Negate, int i) => unchecked(-i),
        (UnaryOperator.Negate, long l) => unchecked(-l),
        (UnaryOperator.Negate, double d) => -d,
        _ => null,
    };

    private static object? Binary(BoundBinaryExpression binary)
    {
        object? left = TryFold(binary.Left);
        object? right = TryFold(binary.Right);
        return (left, right) switch
        {
            (bool l, bool r) => Logic(binary.Operator, l, r),
            (string l, string r) => binary.Operator switch
            {
                BinaryOperator.Equal => string.Equals(l, r, StringComparison.Ordinal),
                BinaryOperator.NotEqual => !string.Equals(l, r, StringComparison.Ordinal),
                _ => null,
            },
            (int l, int r) => Integers(binary.Operator, l, r, wrapToInt: true),
            (long l, long r) => Integers(binary.Operator, l, r, wrapToInt: false),
            (double l, double r) => Numbers(binary.Operator, l, r),
            _ => null,
        };
    }

    private static object? Logic(BinaryOperator op, bool left, bool right) => op switch
    {
        BinaryOperator.And => left && right,
        BinaryOperator.Or => left || right,
        BinaryOperator.Equal => left == right,
        BinaryOperator.NotEqual => left != right,
        _ => null,
    };

    /// <summary><c>+ - *</c> stay integers (wrapping as at run time), comparisons compare them exactly; the rest computes in double.</summary>
    private static object? Integers(BinaryOperator op, long left, long right, bool wrapToInt)
    {
        long? result = op switch
        {
            BinaryOperator.Add => unchecked(left + right),
            BinaryOperator.Subtract => unchecked(left - right),
            BinaryOperator.Multiply => unchecked(left * right),
            _ => null,
        };
        if (result is { } integer)
            return wrapToInt ? (object)unchecked((int)integer) : integer;
        return Compare(op, left, right) ?? Numbers(op, left, right);
    }

    private static object? Numbers(BinaryOperator op, double left, double right) => op switch
    {
        BinaryOperator.Add => left + right,
        BinaryOperator.Subtract => left - right,
        BinaryOperator.Multiply => left * right,
        BinaryOperator.Divide => ExpressionFunctions.Divide(left, right),
        BinaryOperator.Modulo => ExpressionFunctions.Modulo(left, right),
        BinaryOperator.Power => ExpressionFunctions.Power(left, right),
        _ => Compare(op, left, right),
    };

    private static bool? Compare<T>(BinaryOperator op, T left, T right)
        where T : System.Numerics.INumber<T> => op switch
    {
        BinaryOperator.Less => left < right,
        BinaryOperator.LessOrEqual => left <= right,
        BinaryOperator.Greater => left > right,
        BinaryOperator.GreaterOrEqual => left >= right,
        BinaryOperator.Equal => left == right,
        BinaryOperator.NotEqual => left != right,
        _ => null,
    };

    /// <summary>As the generated test: both bounds compared, NaN outside every interval.</summary>
    private static object? In(BoundInExpression test)
    {
        if (TryEvaluate(test.Operand) is not double value || TryEvaluate(test.Interval.Lower) is not double lower || TryEvaluate(test.Interval.Upper) is not double upper)
            return null;
        bool aboveLower = test.Interval.LowerInclusive ? value >= lower : value > lower;
        bool belowUpper = test.Interval.UpperInclusive ? value <= upper : value < upper;
        return !double.IsNaN(value) && aboveLower && belowUpper;
    }

    private static object? Call(BoundCallExpression call)
    {
        var args = new object?[call.Arguments.Length];
        for (int i = 0; i < args.Length; i++)
        {
            if ((args[i] = TryFold(call.Arguments[i])) is null)
                return null;
        }

        // A constant is never missing, so coalesce is its first argument.
        if (call.Function == ScalarFunction.Coalesce)
            return args[0];
        if (call.Function is ScalarFunction.Min or ScalarFunction.Max or ScalarFunction.Clamp or ScalarFunction.Abs && call.Type is DataType.Int or DataType.Long)
            return IntegerCall(call.Function, args.Select(a => System.Convert.ToInt64(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray(), call.Type);

        var x = args.Select(a => a is double or long or int ? System.Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture) : double.NaN).ToArray();
        return call.Function switch
        {
            ScalarFunction.Abs => Math.Abs(x[0]),
            ScalarFunction.Sqrt => Math.Sqrt(x[0]),
            ScalarFunction.Exp => Math.Exp(x[0]),
            ScalarFunction.Ln => Math.Log(x[0]),
            ScalarFunction.Log10 => Math.Log10(x[0]),
            ScalarFunction.Pow => ExpressionFunctions.Power(x[0], x[1]),
            ScalarFunction.Min => x.Aggregate(Math.Min),
            ScalarFunction.Max => x.Aggregate(Math.Max),
            ScalarFunction.Clamp => ExpressionFunctions.Clamp(x[0], x[1], x[2]),
            ScalarFunction.Round => x.Length == 1 ? ExpressionFunctions.Round(x[0]) : ExpressionFunctions.Round(x[0], x[1]),
            ScalarFunction.Floor => Math.Floor(x[0]),
            ScalarFunction.Ceil => Math.Ceiling(x[0]),
            ScalarFunction.Sign => ExpressionFunctions.Sign(x[0]),
            ScalarFunction.IsNan => double.IsNaN(x[0]),
            _ => null,
        };
    }

    private static object? IntegerCall(ScalarFunction function, long[] x, DataType type)
    {
        long? result = function switch
        {
            ScalarFunction.Abs => ExpressionFunctions.Abs(x[0]),
            ScalarFunction.Min => x.Min(),
            ScalarFunction.Max => x.Max(),
            ScalarFunction.Clamp => Math.Min(Math.Max(x[0], x[1]), x[2]),
            _ => null,
        };
        if (result is not { } value)
            return null;
        return type == DataType.Int ? (object)unchecked((int)value) : value;
    }
}
