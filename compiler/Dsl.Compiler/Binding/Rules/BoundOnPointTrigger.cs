using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary><c>on P</c>: each record of P; the output time is that record's time.</summary>
public sealed record BoundOnPointTrigger(PointSymbol Point) : BoundMergeTrigger;
