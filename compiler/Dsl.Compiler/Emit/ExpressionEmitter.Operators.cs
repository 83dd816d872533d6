using Dsl.Compiler.Binding;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Emit;

/// <summary>Operators, conditionals, interval tests and built-in functions.</summary>
internal sealed partial class ExpressionEmitter
{
    private const string Functions = "ExpressionFunctions";

    private string Unary(BoundUnaryExpression unary, string onMissing)
    {
        var operand = Compute(unary.Operand, onMissing);
        return unary.Operator == UnaryOperator.Not ? $"(!{operand})"
            : unary.Type is DataType.Int or DataType.Long ? $"unchecked(-{operand})"
            : $"(-{operand})";
    }

    private string Binary(BoundBinaryExpression binary, string onMissing)
    {
        if (binary.Operator is BinaryOperator.And or BinaryOperator.Or)
            return ShortCircuit(binary, onMissing);

        var left = Compute(binary.Left, onMissing);
        var right = Compute(binary.Right, onMissing);
        // Integer arithmetic wraps like the runtime's long values; doubles need no marker.
        var wrap = binary.OperandType is DataType.Int or DataType.Long ? "unchecked" : "";
        return binary.Operator switch
        {
            BinaryOperator.Power => Power(left, right, binary.Right),
            BinaryOperator.Divide => $"{Functions}.Divide({left}, {right})",
            BinaryOperator.Modulo => $"{Functions}.Modulo({left}, {right})",
            BinaryOperator.Multiply => $"{wrap}({left} * {right})",
            BinaryOperator.Add => binary.Type == DataType.String ? $"string.Concat({left}, {right})" : $"{wrap}({left} + {right})",
            BinaryOperator.Subtract => $"{wrap}({left} - {right})",
            BinaryOperator.Less => $"({left} < {right})",
            BinaryOperator.LessOrEqual => $"({left} <= {right})",
            BinaryOperator.Greater => $"({left} > {right})",
            BinaryOperator.GreaterOrEqual => $"({left} >= {right})",
            BinaryOperator.Equal => binary.OperandType == DataType.String ? $"string.Equals({left}, {right})" : $"({left} == {right})",
            BinaryOperator.NotEqual => binary.OperandType == DataType.String ? $"(!string.Equals({left}, {right}))" : $"({left} != {right})",
            _ => throw new InvalidOperationException($"No code for operator {binary.Operator}."),
        };
    }

    /// <summary>
    /// <c>x ^ y</c> and <c>pow(x, y)</c>: a written square or cube (the common <c>P ^ 2</c>) is the
    /// multiplication itself; any other exponent goes through the same function at run time.
    /// </summary>
    private static string Power(string left, string right, BoundExpression exponent) => exponent switch
    {
        BoundLiteral { Value: 2d } => $"{Functions}.Square({left})",
        BoundLiteral { Value: 3d } => $"{Functions}.Cube({left})",
        _ => $"{Functions}.Power({left}, {right})",
    };

    /// <summary>The right side is evaluated only when the left does not decide the result.</summary>
    private string ShortCircuit(BoundBinaryExpression binary, string onMissing)
    {
        var result = Declare(DataType.Bool);
        var left = Compute(binary.Left, onMissing);
        var isAnd = binary.Operator == BinaryOperator.And;
        _code.Open(isAnd ? $"if ({left})" : $"if (!{left})");
        _code.Line($"{result} = {Compute(binary.Right, onMissing)};");
        _code.Close();
        _code.Open("else");
        _code.Line($"{result} = {(isAnd ? "false" : "true")};");
        _code.Close();
        return result;
    }

    private string Conditional(BoundConditionalExpression conditional, string onMissing)
    {
        var result = Declare(conditional.Type);
        var condition = Compute(conditional.Condition, onMissing);
        _code.Open($"if ({condition})");
        _code.Line($"{result} = {Compute(conditional.WhenTrue, onMissing)};");
        _code.Close();
        _code.Open("else");
        _code.Line($"{result} = {Compute(conditional.WhenFalse, onMissing)};");
        _code.Close();
        return result;
    }

    private string In(BoundInExpression test, string onMissing)
    {
        var value = Compute(test.Operand, onMissing);
        var interval = test.Interval;
        var checks = new List<string>();
        if (!IsInfinity(interval.Lower))
            checks.Add($"{value} {(interval.LowerInclusive ? ">=" : ">")} {Compute(interval.Lower, onMissing)}");
        if (!IsInfinity(interval.Upper))
            checks.Add($"{value} {(interval.UpperInclusive ? "<=" : "<")} {Compute(interval.Upper, onMissing)}");
        // An interval open at both ends still excludes NaN, like every comparison.
        return checks.Count == 0 ? $"!double.IsNaN({AsNumber(value, test.Operand.Type)})" : $"({string.Join(" && ", checks)})";
    }

    public static bool IsInfinity(BoundExpression bound) => bound is BoundLiteral { Value: double d } && double.IsInfinity(d);

    private string Call(BoundCallExpression call, string onMissing)
    {
        if (call.Function == ScalarFunction.Coalesce)
            return Coalesce(call, onMissing);

        var args = call.Arguments.Select(a => Compute(a, onMissing)).ToArray();
        if (call.Function is ScalarFunction.Min or ScalarFunction.Max && args.Length > MaxNestedMinMax)
            return MinMaxStatements(call, args);
        return call.Function switch
        {
            ScalarFunction.Abs => call.Type == DataType.Double ? $"System.Math.Abs({args[0]})" : $"{Functions}.Abs({args[0]})",
            ScalarFunction.Sqrt => $"System.Math.Sqrt({args[0]})",
            ScalarFunction.Exp => $"System.Math.Exp({args[0]})",
            ScalarFunction.Ln => $"System.Math.Log({args[0]})",
            ScalarFunction.Log10 => $"System.Math.Log10({args[0]})",
            ScalarFunction.Pow => Power(args[0], args[1], call.Arguments[1]),
            ScalarFunction.Min => args.Skip(1).Aggregate(args[0], (acc, next) => $"System.Math.Min({acc}, {next})"),
            ScalarFunction.Max => args.Skip(1).Aggregate(args[0], (acc, next) => $"System.Math.Max({acc}, {next})"),
            ScalarFunction.Clamp => call.Type == DataType.Double
                ? $"{Functions}.Clamp({args[0]}, {args[1]}, {args[2]})"
                : $"System.Math.Min(System.Math.Max({args[0]}, {args[1]}), {args[2]})",
            ScalarFunction.Round => args.Length == 1 ? $"{Functions}.Round({args[0]})" : $"{Functions}.Round({args[0]}, {args[1]})",
            ScalarFunction.Floor => $"System.Math.Floor({args[0]})",
            ScalarFunction.Ceil => $"System.Math.Ceiling({args[0]})",
            ScalarFunction.Sign => $"{Functions}.Sign({AsNumber(args[0], call.Arguments[0].Type)})",
            ScalarFunction.IsNan => $"double.IsNaN({args[0]})",
            _ => throw new InvalidOperationException($"No code for function {call.Function}."),
        };
    }

    /// <summary>Beyond this many arguments, min and max are a statement per argument rather than nested calls.</summary>
    private const int MaxNestedMinMax = 8;

    /// <summary>
    /// min/max of many arguments as one statement per argument: nested Math.Min calls as deep as
    /// the argument list is long make an expression Roslyn refuses as too long (CS8078).
    /// </summary>
    private string MinMaxStatements(BoundCallExpression call, string[] args)
    {
        var function = call.Function == ScalarFunction.Min ? "System.Math.Min" : "System.Math.Max";
        var result = Declare(call.Type);
        _code.Line($"{result} = {args[0]};");
        foreach (var next in args.Skip(1))
            _code.Line($"{result} = {function}({result}, {next});");
        return result;
    }

    /// <summary>Each alternative jumps to the next one when a value it needs is missing; the last one fails as the whole expression does.</summary>
    private string Coalesce(BoundCallExpression call, string onMissing)
    {
        var result = Declare(call.Type);
        var done = Temp("coalesce_done");
        for (var i = 0; i < call.Arguments.Length; i++)
        {
            var last = i == call.Arguments.Length - 1;
            var next = last ? null : Temp("coalesce_next");
            _code.Open("");
            _code.Line($"{result} = {Emit(call.Arguments[i], last ? onMissing : $"goto {next};")};");
            _code.Line($"goto {done};");
            _code.Close();
            if (next is not null)
                _code.Line($"{next}:;");
        }
        _code.Line($"{done}:;");
        return result;
    }
}
