using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>An asset's parameters of the sequential algorithm, evaluated once per reading.</summary>
internal readonly record struct StepParameters(ValueInterval Slope, double Scale, ValueInterval? PowerRange)
{
    /// <summary>
    /// The slope with each finite bound moved a billionth of itself inwards: a rate inside it is
    /// inside the slope however a step is rounded (10 significant digits move it less), so only a
    /// rate outside it needs the rounded step to decide.
    /// </summary>
    public ValueInterval SlopeInside { get; } = Slope with
    {
        Lower = double.IsFinite(Slope.Lower) ? Slope.Lower + (Math.Abs(Slope.Lower) * 1e-9) : Slope.Lower,
        Upper = double.IsFinite(Slope.Upper) ? Slope.Upper - (Math.Abs(Slope.Upper) * 1e-9) : Slope.Upper,
    };
}
