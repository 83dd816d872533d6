using System.Diagnostics.CodeAnalysis;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// What a reading in order (a meter reading or a power sample) changes of its asset's state, lent
/// by the asset's <see cref="EnergyAssetState"/> to a dense array that the rule's in-order path
/// reads and writes alone: 128 bytes per asset, where the state object spans five cache lines and
/// its open intervals sit in an array of their own. While lent (<see cref="Lent"/>), these fields
/// are the asset's and the state's copies of them are stale; every other path takes them back
/// first (<c>EnergyOperator.ReturnHead</c>).
/// </summary>
internal struct EnergyHead
{
    /// <summary>The asset's latest time.</summary>
    public long Latest;

    /// <summary>
    /// A reading at or after <see cref="Latest"/> and before this is a plain append: it falls in
    /// every output's newest open interval, and nothing is due to be emitted or pruned before it.
    /// At or below <see cref="Latest"/> when the head is not lent (a zeroed head is not).
    /// </summary>
    public long AppendUntil;

    /// <summary>The step's baseline: a meter's last reading that changed the register, a power rule's last sample.</summary>
    public long BaseTime;

    public double BaseValue;

    /// <summary>The time of the horizon's last reading.</summary>
    public long LastTime;

    /// <summary>The horizon's chain in the rule's <see cref="ReadingLog"/>: its last entry and its length.</summary>
    public long LogTail;

    public int LogCount;

    /// <summary>Readings since the horizon's last snapshot; the reading that would take one goes the general way.</summary>
    public int SinceSnapshot;

    /// <summary>The totals of the first and (in a rule with two) second output's newest open interval.</summary>
    public double Sum0;

    public double Sum1;

    /// <summary>
    /// The asset's parameters: a meter's slope as bounds per millisecond, a power rule's range in kW
    /// (all numbers when it has none), and the scale.
    /// </summary>
    public RateBounds Rate;

    public ValueInterval PowerRange;

    public double Scale;

    public readonly bool Lent => AppendUntil > Latest;

    /// <summary>The total of output <paramref name="output"/>'s newest open interval (0 or 1).</summary>
    [UnscopedRef]
    public ref double Sum(int output) => ref output == 0 ? ref Sum0 : ref Sum1;
}
