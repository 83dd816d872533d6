using Dsl.Runtime.Assets;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>No <c>slope</c> clause (any non-negative step is valid, so resets are discarded) and <c>scale 1</c>.</summary>
public readonly struct DefaultEnergyParameters : IEnergyParameters
{
    public static ValueInterval DefaultSlope { get; } = new(0, true, double.PositiveInfinity, true);

    public EvalStatus Slope(in AssetScope asset, out ValueInterval slope)
    {
        slope = DefaultSlope;
        return EvalStatus.Ok;
    }

    public EvalStatus Scale(in AssetScope asset, out double scale)
    {
        scale = 1;
        return EvalStatus.Ok;
    }

    public EvalStatus PowerRange(in AssetScope asset, out ValueInterval? range)
    {
        range = null;
        return EvalStatus.Ok;
    }
}
