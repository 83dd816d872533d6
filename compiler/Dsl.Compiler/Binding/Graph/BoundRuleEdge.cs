using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary><see cref="From"/> writes <see cref="Point"/>, which <see cref="To"/> reads.</summary>
public sealed record BoundRuleEdge(BoundRule From, PointSymbol Point, BoundRule To);
