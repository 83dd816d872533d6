using System.Collections.Immutable;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary><c>TARGET = EXPRESSION</c>; <see cref="Value"/> already has the target's type, and <see cref="Reads"/> are the points it reads.</summary>
public sealed record BoundMergeOutput(PointSymbol Target, BoundExpression Value, ImmutableArray<PointSymbol> Reads);
