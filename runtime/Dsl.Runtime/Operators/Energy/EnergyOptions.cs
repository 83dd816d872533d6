using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>Configuration of an energy rule.</summary>
/// <param name="Outputs">At most two: the <c>daily</c> and the <c>every</c> output.</param>
/// <param name="Rollover"><c>rollover M</c>, or null.</param>
/// <param name="Split"><c>split</c>: pro-rate each step by time across interval boundaries.</param>
/// <param name="PowerRange">Power rules: the <c>range</c> clause (samples outside go through <see cref="Missing"/>).</param>
/// <param name="UnitFactor">Multiplies every input value before anything else: 0.001 for a power point in W.</param>
/// <param name="LatenessMs">The job's lateness (or the rule's).</param>
/// <param name="InputPoint">The input point (its slot), −1 when not known. A reading of a chained one
/// (<see cref="Jobs.JobContext.IsChained"/>) at the time of one kept replaces it.</param>
public sealed record EnergyOptions(
    EnergyMethod Method,
    IReadOnlyList<EnergyOutput> Outputs,
    double? Rollover = null,
    bool Split = false,
    ValueInterval? PowerRange = null,
    MissingPolicy Missing = MissingPolicy.Last,
    double UnitFactor = 1,
    long LatenessMs = 0,
    int InputPoint = -1)
{
    /// <summary>
    /// Whether the rule's in-order readings are appends to a dense head per asset
    /// (<c>EnergyOperator.TryAppendToHead</c>): a rule without <c>split</c>, whose steps each go to
    /// the intervals of their end. The operator also lends none when its input is chained, which
    /// the compiler's callers need not know: such a rule's records then take the path without
    /// heads after one failed look.
    /// </summary>
    public static bool AppendsThroughHeads(bool split) => !split;
}
