using Dsl.Runtime.Assets;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// Implemented by a generated struct per energy rule: the per-asset <c>slope</c> bounds (kWh per
/// hour of the raw reading) and <c>scale</c> multiplier, which may use attributes.
/// <see cref="DefaultEnergyParameters"/> is the rule without either clause.
/// </summary>
public interface IEnergyParameters
{
    EvalStatus Slope(in AssetScope asset, out ValueInterval slope);

    EvalStatus Scale(in AssetScope asset, out double scale);

    /// <summary>
    /// Power rules: the per-asset <c>range</c> of valid samples when its bounds use attributes;
    /// null to use <see cref="EnergyOptions.PowerRange"/> (a constant range, or none).
    /// </summary>
    EvalStatus PowerRange(in AssetScope asset, out ValueInterval? range);
}
