using System.Collections.Immutable;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Planning;

/// <summary>A model the job uses; an attribute's index in <see cref="Attributes"/> is how generated code reads it.</summary>
public sealed record PlannedModel(ModelSymbol Symbol, ImmutableArray<AttributeSymbol> Attributes)
{
    public int AttributeIndex(AttributeSymbol attribute) => Attributes.IndexOf(attribute);
}
