using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

/// <summary><c>-x</c> (numeric, same type) or <c>!x</c> (bool).</summary>
public sealed record BoundUnaryExpression(UnaryOperator Operator, BoundExpression Operand) : BoundExpression(Operand.Type)
{
    public override IEnumerable<BoundExpression> Children => [Operand];
}
