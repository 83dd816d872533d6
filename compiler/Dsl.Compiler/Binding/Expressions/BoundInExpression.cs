using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary><c>x in INTERVAL</c>; the operand is converted to double like the bounds.</summary>
public sealed record BoundInExpression(BoundExpression Operand, BoundInterval Interval) : BoundExpression(DataType.Bool)
{
    public override IEnumerable<BoundExpression> Children => [Operand, Interval.Lower, Interval.Upper];
}
