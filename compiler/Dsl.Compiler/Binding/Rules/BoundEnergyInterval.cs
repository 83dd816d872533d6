using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary><c>every D TARGET</c>: energy per interval of D.</summary>
public sealed record BoundEnergyInterval(Duration Period, PointSymbol Target);
