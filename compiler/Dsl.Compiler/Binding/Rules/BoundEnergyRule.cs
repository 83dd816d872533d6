using System.Collections.Immutable;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Binding;

/// <summary>
/// <c>energy MODEL from P by METHOD { … }</c>. <see cref="Slope"/> is set only for meters
/// (default <c>[0, +inf)</c>: negative steps such as resets are discarded); <see cref="Range"/>
/// and <see cref="Missing"/> matter only for power methods. <see cref="Scale"/> defaults to
/// the literal 1. <see cref="InputToKilo"/> brings the source's values to kW or kWh, so that energy
/// comes out in kWh: 0.001 for a unit of W or Wh, 1000 for MW or MWh, 10⁶ for GW or GWh, else 1.
/// </summary>
public sealed record BoundEnergyRule(
    ModelSymbol Model,
    int Ordinal,
    SourceText Source,
    TextSpan Span,
    PointSymbol SourcePoint,
    EnergyMethod Method,
    BoundInterval? Slope,
    BoundExpression Scale,
    PointSymbol? Daily,
    BoundEnergyInterval? Every,
    double? Rollover,
    bool Split,
    BoundInterval? Range,
    MissingMode Missing,
    Duration Lateness,
    double InputToKilo) : BoundRule(Model, Ordinal, Source, Span)
{
    public override RuleKind Kind => RuleKind.Energy;

    public override ImmutableArray<PointSymbol> WrittenPoints =>
        [.. new[] { Daily, Every?.Target }.OfType<PointSymbol>()];

    public override ImmutableArray<PointSymbol> ReadPoints => [SourcePoint];
}
