using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Merge;

/// <summary>Configuration of a merge block.</summary>
/// <param name="InputPoints">Point slots the block reads; the index is the input number used by <see cref="MergeScope"/>.</param>
/// <param name="OutputPoints">Point slot of each output, in the order of <see cref="IMergeOutputs.EvaluateAll"/>.</param>
/// <param name="TriggerInput">For <c>on P</c>: the input number of P.</param>
/// <param name="Grid">For <c>every D</c>: the grid (calendar for 1d, 1w, 1mo).</param>
/// <param name="HoldMs">Values older than this before the evaluation time are missing.</param>
/// <param name="RetentionMs">How far back (in each point's own event time) values are kept for out-of-order lookups; the job's lateness.</param>
/// <param name="KeepTriggerHistory">
/// For <c>on P</c>: whether P's values are kept. An evaluation reads P from its trigger record, so
/// only <c>prev</c>, <c>delta</c> and <c>rate</c> of P read them; the code generator passes false
/// when no output does.
/// </param>
/// <param name="HistoryInputs">
/// The input numbers whose earlier values an output reads (<c>prev</c>, <c>delta</c>, <c>rate</c>):
/// a correction of such an input also changes the evaluations that took it as the value before
/// the latest. Null: any input may be read so (the code generator lists them).
/// </param>
/// <param name="ReadsEvaluationTime">
/// For <c>every D</c>: whether an output reads the evaluation time (<c>hour()</c> and the other
/// time functions), so that two evaluations over the same values may differ. The code generator
/// passes false when none does, and grid times whose values have all expired are then skipped
/// as a block once one of them has written nothing (<see cref="MergeOperator{TOutputs}"/>).
/// </param>
public sealed record MergeOptions(
    MergeTrigger Trigger,
    IReadOnlyList<int> InputPoints,
    IReadOnlyList<int> OutputPoints,
    int TriggerInput = 0,
    GridSpec Grid = default,
    long HoldMs = long.MaxValue,
    long RetentionMs = 0,
    bool KeepTriggerHistory = true,
    IReadOnlyList<int>? HistoryInputs = null,
    bool ReadsEvaluationTime = true);
