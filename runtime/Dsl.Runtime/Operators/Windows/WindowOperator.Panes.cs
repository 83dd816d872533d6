using System.Runtime.CompilerServices;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Records;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>
/// Hopping windows keep their partials per step, a pane, rather than per window: a record adds to
/// the one pane that holds it, and a window's result appends the SIZE/STEP panes it spans. A record
/// then costs one update however many windows hold it (`hopping 24h step 10s` puts each record in
/// 8,640), and the windows' bookkeeping is touched only when one of them opens or is due.
/// <para>
/// A pane is keyed by its start, which is also the start of the newest window holding it, so it
/// is dropped with that window (<see cref="ClearPartials"/>): every older window holding it has
/// expired before, as hopping windows expire in the order they start. A record late for the newest
/// window is late for all of them and is not added. A chained point's records are held per pane,
/// and a pane whose record is replaced is computed again from them.
/// </para>
/// </summary>
public sealed partial class WindowOperator<TInputs, THead>
{
    private void AcceptIntoPane(in InputRecord record, bool seen, long latestBefore)
    {
        int asset = record.Asset;
        AssetScope scope = _context.Scope(asset);
        int n = _spec.Assign(record.Time, scope.Zone, _assigned);
        TimeWindow newest = _assigned[n - 1];
        if (seen && latestBefore >= newest.End + _lateness)
        {
            _context.Counters.Increment(Counter.Late);
            return;
        }

        // The earliest windows may have expired while the newest are open.
        bool late = seen && latestBefore >= _assigned[0].End + _lateness;
        // A chained point's records are held in the list of the newest window holding them, which
        // is their pane's: a correction computes the pane again.
        bool changed = _chained is not null && Replaces(record, scope, newest, due: seen && newest.End <= latestBefore);
        if (!changed && record.IsValid && Evaluate(record, scope, count: true))
        {
            AddValues(asset, newest.Start, record.Time);
            changed = true;
        }

        // A chained point's record opens its windows even when it counts in none, as their lists
        // hold it: a later correction of it must find it there.
        if (!changed && _chained is null)
        {
            CountLate(late);
            return;
        }

        // In order, no window holding the record is due; when all of them are open, there is
        // nothing more to do.
        bool inOrder = !seen || record.Time > latestBefore;
        if (inOrder && AllOpen(asset, _assigned[0].Start, newest.Start, n))
        {
            return;
        }

        for (int w = 0; w < n; w++)
        {
            TimeWindow window = _assigned[w];
            if (seen && latestBefore >= window.End + _lateness)
            {
                continue;
            }

            bool due = seen && window.End <= latestBefore;
            OpenWindow(asset, window, record.Time, due);
            if (changed && due && _options.Emit != EmitPolicy.Final)
            {
                Emit(asset, window, CalMode.Update, hasState: true);
            }
        }

        CountLate(late);
    }

    private void CountLate(bool late)
    {
        if (late)
        {
            _context.Counters.Increment(Counter.Late);
        }
    }

    /// <summary>Whether the windows starting at <paramref name="first"/>, each a step after the other up to <paramref name="last"/>, are all open.</summary>
    private bool AllOpen(int asset, long first, long last, int count)
    {
        List<long>? open = asset < _open.Length ? _open[asset] : null;
        if (open is null || open.Count < count)
        {
            return false;
        }

        // Open starts are sorted, distinct and on the step grid: the run from first is whole when
        // its count-th start is last.
        int index = open.BinarySearch(first);
        return index >= 0 && index + count - 1 < open.Count && open[index + count - 1] == last;
    }

    private void NotePane(int asset, long start)
    {
        if (asset >= _panes.Length)
        {
            Array.Resize(ref _panes, _context.Assets.CapacityFor(asset, _panes.Length));
        }

        List<long> panes = _panes[asset] ??= [];
        if (panes.Count > 0 && panes[^1] == start)
        {
            return;
        }

        int index = panes.BinarySearch(start);
        if (index < 0)
        {
            panes.Insert(~index, start);
        }
    }

    private void ForgetPane(int asset, long start)
    {
        List<long>? panes = asset < _panes.Length ? _panes[asset] : null;
        int index = panes?.BinarySearch(start) ?? -1;
        if (index >= 0)
        {
            panes!.RemoveAt(index);
        }
    }

    // Read only: the panes of an asset that has none.
    private static readonly List<long> NoPanes = [];

    /// <summary>The asset's panes that hold partials (sorted), and the index of the first in the window.</summary>
    private List<long> PanesIn(int asset, TimeWindow window, out int first)
    {
        List<long> panes = (asset < _panes.Length ? _panes[asset] : null) ?? NoPanes;
        int index = panes.BinarySearch(window.Start);
        first = index >= 0 ? index : ~index;
        return panes;
    }

    /// <summary>The partial of one output over a window: its panes appended in time order.</summary>
    private Moments MergePanes(int asset, TimeWindow window, int output)
    {
        Moments merged = default;
        List<long> panes = PanesIn(asset, window, out int first);
        for (int i = first; i < panes.Count && panes[i] < window.End; i++)
        {
            ref Moments found = ref _moments.Find(new OutputWindowKey(asset, panes[i], output));
            if (!Unsafe.IsNullRef(ref found))
            {
                merged.AppendLater(found);
            }
        }

        return merged;
    }

    /// <summary>The samples of one output over a window, its panes' appended in time order (a list reused by every call).</summary>
    private SampleList MergePaneSamples(int asset, TimeWindow window, int output)
    {
        _paneSamples.Clear();
        List<long> panes = PanesIn(asset, window, out int first);
        for (int i = first; i < panes.Count && panes[i] < window.End; i++)
        {
            if (_samples.TryGetValue(new OutputWindowKey(asset, panes[i], output), out SampleList? samples))
            {
                _paneSamples.AppendLater(samples);
            }
        }

        return _paneSamples;
    }
}
