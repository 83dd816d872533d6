using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Records;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>
/// The head slots: each asset's newest window in a dense array. Every path that would break the
/// invariant (a head newer than every keyed window of its asset) moves the head into the keyed
/// tables first, where the general code takes over; the results are the same either way because
/// the partials add values in the same order.
/// </summary>
public sealed partial class WindowOperator<TInputs, THead>
{
    /// <summary>
    /// The common cases in a few array accesses, for a valid record in order (at or after the
    /// asset's latest time): inside the head window before anything of the asset is due; or in a
    /// later window, when its time expires the head and no older window is open. Such a record
    /// cannot be late, and the transition it causes has nothing else to do. False for every other
    /// record, which takes the general path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryAddInOrder(in InputRecord record)
    {
        int asset = record.Asset;
        long time = record.Time;
        WindowHeadSlot<THead>[] heads = _heads;
        if ((uint)asset >= (uint)heads.Length || !record.IsValid)
        {
            return false;
        }

        // An active head's asset has its progress (a record made both), so the entry is found
        // without the indexer's growth, whose code would sit in the dispatch loop.
        ref WindowHeadSlot<THead> head = ref heads[asset];
        ref WindowProgress progress = ref _progress.Find(asset);
        if (!head.Active || Unsafe.IsNullRef(ref progress) || time < head.Start || time < progress.Latest)
        {
            return false;
        }

        if (time >= head.End)
        {
            return TryStartNextInOrder(record, ref head, ref progress);
        }

        if (time >= head.QuietUntil)
        {
            return false;
        }

        HeadAddResult added = head.Partials.AddRecord(record, _context.Scope(asset));
        if (added.InvalidResults > 0 || added.MissingAttribute)
        {
            CountEvaluation(added);
        }

        progress.Latest = time;
        return true;
    }

    /// <summary>
    /// A record in order in a later window than the head's: emits the head and makes the record's
    /// window the head, as <see cref="Accept"/> and <see cref="Transition"/> would between them.
    /// </summary>
    private bool TryStartNextInOrder(in InputRecord record, ref WindowHeadSlot<THead> head, ref WindowProgress progress)
    {
        int asset = record.Asset;
        long time = record.Time;
        List<long>? open = asset < _open.Length ? _open[asset] : null;
        if (time < head.End + _lateness || open is { Count: > 0 } || !TryCloseHeadInOrder(asset, ref head))
        {
            return false;
        }

        AssetScope scope = _context.Scope(asset);
        TimeWindow window = time < head.End + _tumblingSize ? new TimeWindow(head.End, head.End + _tumblingSize)
            : _calendar is not null ? _calendar.Containing(asset, time, scope.Zone)
            : _spec.First(time, scope.Zone);
        OpenHead(ref head, window, emitted: false);
        HeadAddResult added = head.Partials.AddRecord(record, scope);
        if (added.InvalidResults > 0 || added.MissingAttribute)
        {
            CountEvaluation(added);
        }

        // A record without a value opens no window (as in Accept).
        head.Active = added.Added;
        progress.Latest = time;
        progress.ClosedIdle = false;
        if (_hasFill)
        {
            // Zero results of empty windows between the two, and the quiet bound with fill's in it.
            Transition(asset, time, CloseNone);
        }
        else
        {
            // Nothing else is open, so the head's next event is the asset's.
            head.QuietUntil = TransitionHead(asset, time, CloseNone);
        }

        return true;
    }

    /// <summary>
    /// Closes the head ahead of the transition that would: with <c>fill</c>, only once the fill
    /// progress has reached the head's window (zero results of earlier windows come first), and
    /// then moves it past, as <see cref="Transition"/> does for a window that has a result.
    /// </summary>
    private bool TryCloseHeadInOrder(int asset, ref WindowHeadSlot<THead> head)
    {
        if (_hasFill)
        {
            ref WindowProgress progress = ref _progress[asset];
            if (progress.FillStart < head.Start)
            {
                return false;
            }

            if (progress.FillStart == head.Start)
            {
                TimeWindow next = _spec.Next(new TimeWindow(progress.FillStart, progress.FillEnd), _context.Assets.Zone(asset));
                progress.FillStart = next.Start;
                progress.FillEnd = next.End;
            }
        }

        CloseHead(asset, ref head);
        return true;
    }

    private void CountEvaluation(HeadAddResult added)
    {
        _context.Counters.Add(Counter.InvalidResults, added.InvalidResults);
        if (added.MissingAttribute)
        {
            _context.Counters.Increment(Counter.SkippedAttribute);
        }
    }

    /// <summary>
    /// Adds the evaluated values to the asset's head when the record's window is the head's or a
    /// newer one (which becomes the head); false when the window belongs in the keyed tables.
    /// </summary>
    private bool TryAddToHead(int asset, TimeWindow window, long time, bool due, bool advances)
    {
        ref WindowHeadSlot<THead> head = ref Slot(asset);
        List<long>? open = asset < _open.Length ? _open[asset] : null;
        if (head.Active)
        {
            if (window.Start == head.Start)
            {
                head.Partials.Add(time, _values, _statuses);
                head.Emitted |= due;
                return true;
            }

            if (window.Start < head.Start)
            {
                return false;
            }

            // A newer window. When the record's time expires the head and nothing older is open,
            // the transition this record causes would emit the head and drop it: do that now
            // rather than move it into the keyed tables first.
            if (!(advances && head.End + _lateness <= time && (open is null || open.Count == 0) && TryCloseHeadInOrder(asset, ref head)))
            {
                SpillHead(asset, ref head);
            }
        }
        else if (open is { Count: > 0 } && window.Start <= open[^1])
        {
            return false;
        }

        OpenHead(ref head, window, emitted: due);
        head.Partials.Add(time, _values, _statuses);

        // The new head may be due before the asset's quiet time (when it is out of order).
        head.QuietUntil = long.MinValue;

        return true;
    }

    /// <summary>Makes the slot an empty head for <paramref name="window"/>.</summary>
    private static void OpenHead(ref WindowHeadSlot<THead> head, TimeWindow window, bool emitted)
    {
        head.Start = window.Start;
        head.End = window.End;
        head.Active = true;
        head.Emitted = emitted;
        head.Partials = default;
    }

    /// <summary>
    /// The head's part of <see cref="Transition"/>, after every keyed window (it is the newest):
    /// emits and drops it as those would be. Returns its next event time for the quiet bound.
    /// </summary>
    private long TransitionHead(int asset, long latest, long closeEndingBy)
    {
        if (asset >= _heads.Length || !_heads[asset].Active)
        {
            return long.MaxValue;
        }

        ref WindowHeadSlot<THead> head = ref _heads[asset];
        if (head.End <= closeEndingBy || head.End + _lateness <= latest)
        {
            _closedEnd = Math.Max(_closedEnd, head.End);
            CloseHead(asset, ref head);
            return long.MaxValue;
        }

        if (head.End <= latest && !head.Emitted && _options.Emit != EmitPolicy.Final)
        {
            head.Emitted = true;
            Emit(asset, new TimeWindow(head.Start, head.End), CalMode.Ontime, hasState: true);
        }

        return head.Emitted || _options.Emit == EmitPolicy.Final ? head.End + _lateness : head.End;
    }

    /// <summary>The head's window expires: its final (or on-time, if not yet emitted) result, then the slot is free.</summary>
    private void CloseHead(int asset, ref WindowHeadSlot<THead> head)
    {
        if (_options.Emit == EmitPolicy.Final || !head.Emitted)
        {
            head.Emitted = true;
            Emit(asset, new TimeWindow(head.Start, head.End), _options.Emit == EmitPolicy.Final ? CalMode.Final : CalMode.Ontime, hasState: true);
        }

        head.Active = false;
    }

    /// <summary>Moves the head into the keyed tables, as the newest of the asset's open windows.</summary>
    private void SpillHead(int asset, ref WindowHeadSlot<THead> head)
    {
        OpenKeyed(asset, head.Start, head.End, head.Emitted);
        for (int o = 0; o < _outputs.Length; o++)
        {
            Moments moments = default;
            head.Partials.CopyTo(o, ref moments);
            StoreKeyed(asset, head.Start, o, moments);
        }

        head.Active = false;
    }

    /// <summary>Opens a window in the keyed tables, as the newest of the asset's.</summary>
    private void OpenKeyed(int asset, long start, long end, bool emitted)
    {
        ref WindowMeta meta = ref _windows.GetOrAdd(new WindowKey(asset, start), out _);
        meta.End = end;
        meta.LastEarlyTick = start;
        meta.Emitted = emitted;
        InsertOpen(asset, start);
    }

    private void StoreKeyed(int asset, long start, int output, in Moments moments)
    {
        // The keyed path stores a partial only for an output that received a value.
        if (moments.Count > 0)
        {
            _moments.GetOrAdd(new OutputWindowKey(asset, start, output), out _) = moments;
        }
    }

    /// <summary>Whether the window starting at <paramref name="start"/> is the asset's head.</summary>
    private bool IsHead(int asset, long start) =>
        _useHead && (uint)asset < (uint)_heads.Length && _heads[asset].Active && _heads[asset].Start == start;

    private void WriteHeads(CheckpointWriter writer)
    {
        int active = 0;
        foreach (ref readonly WindowHeadSlot<THead> head in _heads.AsSpan())
        {
            active += head.Active ? 1 : 0;
        }

        HeadCheckpoint.WriteHeader(writer, _heads.Length, active);
        for (int asset = 0; asset < _heads.Length; asset++)
        {
            ref WindowHeadSlot<THead> head = ref _heads[asset];
            if (!head.Active)
            {
                continue;
            }

            HeadCheckpoint.WriteHead(writer, asset, head.Start, head.End, head.Emitted);
            for (int o = 0; o < _outputs.Length; o++)
            {
                Moments moments = default;
                head.Partials.CopyTo(o, ref moments);
                HeadCheckpoint.WriteOutput(writer, _outputs[o].Kind, moments);
            }
        }
    }

    /// <summary>
    /// Restores the heads. A version of the job that keeps every window in the keyed tables (its
    /// options exclude the head) takes the restored heads there.
    /// </summary>
    private void ReadHeads(CheckpointReader reader)
    {
        // Checkpoints from before heads existed end here: every window is in the keyed tables.
        if (reader.AtEnd)
        {
            _heads = new WindowHeadSlot<THead>[16];
            return;
        }

        (int slots, List<HeadState> heads) = HeadCheckpoint.Read(reader, [.. _outputs.Select(o => o.Kind)], Name);
        _heads = new WindowHeadSlot<THead>[Math.Max(slots, 16)];
        foreach (HeadState state in heads)
        {
            if (_useHead && TryLoadHead(state))
            {
                continue;
            }

            OpenKeyed(state.Asset, state.Start, state.End, state.Emitted);
            for (int o = 0; o < _outputs.Length; o++)
            {
                StoreKeyed(state.Asset, state.Start, o, state.Outputs[o]);
            }
        }
    }

    /// <summary>
    /// Loads a restored head into its slot, unless this version's head cannot hold it: outputs that
    /// share a count here may have had different counts in the version that wrote it (a <c>where</c>
    /// since dropped). Such a window goes to the keyed tables, which keep a partial per output.
    /// </summary>
    private bool TryLoadHead(HeadState state)
    {
        ref WindowHeadSlot<THead> head = ref _heads[state.Asset];
        head.Partials = default;
        for (int o = 0; o < _outputs.Length; o++)
        {
            head.Partials.Load(o, state.Outputs[o]);
        }

        for (int o = 0; o < _outputs.Length; o++)
        {
            Moments held = default;
            head.Partials.CopyTo(o, ref held);
            Moments written = state.Outputs[o];
            if (held.Count != written.Count || !SameResult(_outputs[o].Kind, held, written))
            {
                head.Partials = default;
                return false;
            }
        }

        head.Start = state.Start;
        head.End = state.End;
        head.Active = true;
        head.Emitted = state.Emitted;
        return true;
    }

    /// <summary>Whether two partials of an output with at least one value give the same result (the fields its kind reads).</summary>
    private static bool SameResult(AggregateKind kind, in Moments a, in Moments b) => a.Count == 0 || kind switch
    {
        AggregateKind.Count => true,
        AggregateKind.Sum or AggregateKind.Avg => a.Sum.Equals(b.Sum),
        AggregateKind.Min => a.Min.Equals(b.Min),
        AggregateKind.Max => a.Max.Equals(b.Max),
        _ => true,
    };
}
