using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

/// <summary>Evaluates expressions made only of numeric literals, so the binder can check percentiles, intervals and rollovers.</summary>
internal static class ConstantFolder
{
    /// <summary>The value as a double, or null when the expression is not a numeric constant.</summary>
    public static double? TryEvaluate(BoundExpression expression) => expression switch
    {
        BoundLiteral { Value: double d } => d,
        BoundLiteral { Value: long l } => l,
        BoundLiteral { Value: int i } => i,
        BoundConversion c => TryEvaluate(c.Operand),
        BoundUnaryExpression { Operator: UnaryOperator.Negate } u => -TryEvaluate(u.Operand),
        BoundBinaryExpression b when TryEvaluate(b.Left) is double left && TryEvaluate(b.Right) is double right => b.Operator switch
        {
            BinaryOperator.Add => left + right,
            BinaryOperator.Subtract => left - right,
            BinaryOperator.Multiply => left * right,
            BinaryOperator.Divide => left / right,
            BinaryOperator.Modulo => left % right,
            BinaryOperator.Power => Math.Pow(left, right),
            _ => null,
        },
        _ => null,
    };

    /// <summary>
    /// The exact value of an <c>int</c> or <c>long</c> expression made only of integer literals and
    /// <c>+ - *</c>, without wrapping around (an Int128 holds any product of two longs); null for
    /// anything else. The binder compares it with the range of the expression's type.
    /// </summary>
    public static Int128? TryEvaluateInteger(BoundExpression expression) => expression switch
    {
        { Type: not (DataType.Int or DataType.Long) } => null,
        BoundLiteral { Value: long l } => l,
        BoundLiteral { Value: int i } => i,
        BoundConversion c => TryEvaluateInteger(c.Operand),
        BoundUnaryExpression { Operator: UnaryOperator.Negate } u => -TryEvaluateInteger(u.Operand),
        BoundBinaryExpression b when TryEvaluateInteger(b.Left) is { } left && TryEvaluateInteger(b.Right) is { } right => b.Operator switch
        {
            BinaryOperator.Add => left + right,
            BinaryOperator.Subtract => left - right,
            BinaryOperator.Multiply => left * right,
            _ => null,
        },
        _ => null,
    };
}
