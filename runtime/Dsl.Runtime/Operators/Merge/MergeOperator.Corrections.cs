using Dsl.Runtime.Records;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Merge;

/// <summary>
/// Evaluations made again when a value of a chained input corrects what was evaluated: it replaces
/// the value kept at its time (an upstream <c>update</c>, or the on-time result after early ones),
/// or it is an <c>update</c> at a new time (a window that late records gave its first result).
/// Each evaluation made so far whose "latest value at or before" of that input is now that value
/// is made again and emitted as an <see cref="CalMode.Update"/>, so that the rules downstream
/// replace what they were given; when an output reads the input's earlier values (<c>prev</c>,
/// <c>delta</c>, <c>rate</c>), so is each whose value before the latest is that value. A chained
/// value outside its point's range that comes at a time kept removes the value kept there (it is
/// excluded as in time order), and the evaluations that used that value are made again likewise;
/// one that now lacks a value emits nothing (outputs are not retracted). A chained value in the
/// normal flow (on time, at a new time) is kept like any value: evaluations made before it arrived
/// keep the latest value they found (EnOS's LastValue), so a merge on a raw point is not evaluated
/// again for every result of the windows it reads.
/// </summary>
public sealed partial class MergeOperator<TOutputs>
{
    // Set while evaluations are made again: their skipped outputs were counted the first time.
    private bool _reevaluating;

    /// <summary>
    /// After a correction of chained input <paramref name="input"/> at <paramref name="time"/> was kept
    /// (or removed the value kept there): the evaluations from that time up to (not including) the
    /// input's next value are made again, or up to the value after the next when an output reads
    /// the input's earlier values; those that were made (grid times passed, triggers kept) and whose
    /// values are all still kept (within the retention of the latest time, or
    /// <see cref="ReachesBack"/>).
    /// </summary>
    private void Reevaluate(int asset, int input, long time) => Reevaluate(asset, time, Until(asset, input, time));

    /// <summary>
    /// After a trigger at <paramref name="time"/> corrected its own evaluation: the later triggers
    /// that read it as the value before theirs, when an output reads the trigger's earlier values.
    /// </summary>
    private void ReevaluateAfterTrigger(int asset, long time)
    {
        if (_readsHistory[_evaluateOnInput])
        {
            Reevaluate(asset, time + 1, Until(asset, _evaluateOnInput, time));
        }
    }

    /// <summary>
    /// A chained input's value outside its point's range: it supersedes the value kept at its time,
    /// which no evaluation may use any longer.
    /// </summary>
    private void Drop(in InputRecord record, int input)
    {
        int asset = record.Asset;
        EnsureAsset(asset);
        if (_values.TryRemove((asset * _inputCount) + input, record.Time))
        {
            // A trigger removed is not evaluated again (its result is not retracted); the
            // evaluations after it that read it are.
            long from = input == _evaluateOnInput ? record.Time + 1 : record.Time;
            Reevaluate(asset, from, Until(asset, input, record.Time));
        }
    }

    /// <summary>
    /// The end of the evaluations a value of the input at <paramref name="time"/> takes part in (or
    /// took part in, if it was removed): the time of the input's next value, or of the one after
    /// it when an output reads the input's earlier values.
    /// </summary>
    private long Until(int asset, int input, long time)
    {
        int slot = (asset * _inputCount) + input;
        int next = _values.IndexAtOrBefore(slot, time) + 1;
        if (_readsHistory[input])
        {
            next++;
        }

        return next < _values.Count(slot) ? _values.TimeAt(slot, next) : long.MaxValue;
    }

    /// <summary>A chained trigger in place of the one kept at its time: its evaluation made again.</summary>
    private void Reevaluate(in InputRecord trigger)
    {
        _reevaluating = true;
        try
        {
            Evaluate(trigger, CalMode.Update);
        }
        finally
        {
            _reevaluating = false;
        }
    }

    private void Reevaluate(int asset, long time, long until)
    {
        _reevaluating = true;
        try
        {
            if (_every)
            {
                ReevaluateGrid(asset, time, until);
            }
            else
            {
                ReevaluateTriggers(asset, time, until);
            }
        }
        finally
        {
            _reevaluating = false;
        }
    }

    private void ReevaluateGrid(int asset, long from, long until)
    {
        MergeProgress progress = _progress[asset];
        if (!progress.Seen || from >= progress.NextGrid)
        {
            // No grid time at or after it has been evaluated.
            return;
        }

        long horizon = progress.Latest - _retentionMs;
        TimeZoneInfo zone = _assets.Zone(asset);
        TimeWindow grid = _options.Grid.Containing(from, zone);
        if (grid.Start < from)
        {
            grid = _options.Grid.Next(grid, zone);
        }

        for (; grid.Start < progress.NextGrid && grid.Start < until; grid = _options.Grid.Next(grid, zone))
        {
            if (grid.Start >= horizon || ReachesBack(asset, grid.Start))
            {
                Evaluate(asset, grid.Start, CalMode.Update);
            }
        }
    }

    private void ReevaluateTriggers(int asset, long from, long until)
    {
        int triggers = (asset * _inputCount) + _evaluateOnInput;
        int count = _values.Count(triggers);
        if (count == 0 || _values.TimeAt(triggers, count - 1) < from)
        {
            // No trigger at or after it has been evaluated.
            return;
        }

        long horizon = _values.TimeAt(triggers, count - 1) - _retentionMs;
        for (int i = Math.Max(0, _values.IndexAtOrBefore(triggers, from - 1) + 1); i < count; i++)
        {
            long time = _values.TimeAt(triggers, i);
            if (time >= until)
            {
                break;
            }

            if (time >= horizon || ReachesBack(asset, time))
            {
                Evaluate(asset, time, _values.ValueAt(triggers, i), _values.TextAt(triggers, i), CalMode.Update);
            }
        }
    }

    /// <summary>
    /// Whether an evaluation at <paramref name="time"/> before the retention of the block's latest
    /// time still reads what it read in time order: each input's values kept reach back to it (the
    /// latest at or before it is kept, and the one before that when an output reads the input's
    /// earlier values), as the two values kept before each input's retention often do. An input
    /// whose values kept start after the time had none before it or has dropped them, which the
    /// values cannot tell apart, so such an evaluation is left as it was.
    /// </summary>
    private bool ReachesBack(int asset, long time)
    {
        for (int input = 0; input < _inputCount; input++)
        {
            int slot = (asset * _inputCount) + input;
            int needed = _readsHistory[input] ? 1 : 0;
            int count = _values.Count(slot);
            if (count == 0)
            {
                // No value kept: none came, as pruning keeps two, unless out-of-range corrections
                // removed both of those after older ones were pruned, which is left as it is.
                continue;
            }

            // Fewer values kept than the evaluation reads: the earlier ones may have been pruned.
            if (count <= needed || _values.TimeAt(slot, needed) > time)
            {
                return false;
            }
        }

        return true;
    }
}
