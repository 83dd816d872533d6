using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary>The current value of a point of the rule's model.</summary>
public sealed record BoundPointReference(PointSymbol Point) : BoundExpression(Point.Type)
{
    public override IEnumerable<BoundExpression> Children => [];
}
