using Dsl.Runtime.Records;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>An asset's parameters of the sequential algorithm, evaluated once per run and asset.</summary>
internal readonly record struct StepParameters(ValueInterval Slope, double Scale, ValueInterval? PowerRange)
{
    /// <summary>
    /// The slope with each finite bound moved a billionth of itself inwards: a rate inside it is
    /// inside the slope however a step is rounded (10 significant digits move it less), so only a
    /// rate outside it needs the rounded step to decide.
    /// </summary>
    public ValueInterval SlopeInside { get; } = Slope with { Lower = Inward(Slope.Lower, 1), Upper = Inward(Slope.Upper, -1) };

    /// <summary>
    /// <see cref="SlopeInside"/> per millisecond, for whether a step of a given energy over given
    /// milliseconds has its rate inside it by two multiplications, where the rate takes two
    /// dependent divisions — most of an in-order reading's time. Their rounding is a few units in
    /// the last place, far inside the billionth by which <see cref="SlopeInside"/> is narrower than
    /// the slope, so a step accepted here has a rate inside the slope however either is rounded;
    /// at a bound of 0, which is not moved, the products are exact. A step refused here is decided
    /// by the rate, as before.
    /// </summary>
    public RateBounds RateInside { get; } = new(Inward(Slope.Lower, 1) / Durations.Hour, Inward(Slope.Upper, -1) / Durations.Hour, Slope.LowerInclusive, Slope.UpperInclusive);

    private static double Inward(double bound, int direction) =>
        double.IsFinite(bound) ? bound + (direction * Math.Abs(bound) * 1e-9) : bound;
}
