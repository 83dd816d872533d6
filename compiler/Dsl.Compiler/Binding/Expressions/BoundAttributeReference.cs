using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary>The asset's value of an attribute (or its default).</summary>
public sealed record BoundAttributeReference(AttributeSymbol Attribute) : BoundExpression(Attribute.Type)
{
    public override IEnumerable<BoundExpression> Children => [];
}
