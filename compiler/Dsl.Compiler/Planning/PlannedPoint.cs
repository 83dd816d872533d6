using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Planning;

/// <summary>A point the job reads or writes, with its dense slot. A point that is both is chained.</summary>
public sealed record PlannedPoint(int Slot, PointSymbol Symbol, bool IsInput, bool IsOutput);
