using System.Runtime.CompilerServices;
using Dsl.Runtime.Records;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>Emitting and dropping intervals as the latest time passes their ends, and pruning the horizon of readings no late reading can precede.</summary>
public sealed partial class EnergyOperator<TParams>
{
    /// <summary>
    /// Emits the intervals that have ended and drops those that have expired, or that end by
    /// <paramref name="closeEndingBy"/> (MaxValue: all of them). Called once the latest time reaches
    /// the open intervals' <see cref="OpenIntervals.Due"/>, or to close. Returns the latest end it
    /// dropped (MinValue: none). Not inlined: it is seldom due.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long Transition(int asset, EnergyAssetState state, long closeEndingBy)
    {
        long closed = long.MinValue;
        ref OpenIntervals open = ref state.Open;
        int i = 0;
        while (i < open.Count)
        {
            OpenInterval total = open[i];
            if (total.End <= closeEndingBy || Expired(state, total.End))
            {
                closed = Math.Max(closed, total.End);
                if (!total.Emitted)
                {
                    Emit(asset, total.Output, total.Start, total.Sum, CalMode.Ontime);
                }

                open.RemoveAt(i);
                continue;
            }

            if (total.End <= state.Latest && !total.Emitted)
            {
                ref OpenInterval t = ref open[i];
                t.Emitted = true;
                t.LastEmitted = t.Sum;
                Emit(asset, total.Output, total.Start, total.Sum, CalMode.Ontime);
            }

            i++;
        }

        open.RefreshDue(_lateness);
        return closed;
    }

    /// <summary>
    /// Drops readings no acceptable reading can precede any more: every future accepted reading
    /// (or, with <c>split</c>, the start of its step) lies at or after the start of the intervals
    /// containing latest − lateness. Called once the latest time reaches the asset's
    /// <see cref="EnergyAssetState.PruneDue"/>: before that there is nothing to drop. Not inlined:
    /// it is seldom due.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Prune(int asset, EnergyAssetState state)
    {
        TimeZoneInfo zone = _context.Assets.Zone(asset);
        long bound = long.MinValue;
        long boundMoves = long.MaxValue;
        foreach (GridCache grid in _boundGrids)
        {
            // A lateness reaching back before the calendar's first instant keeps every reading.
            TimeWindow interval = grid.Containing(asset, Math.Max(state.Latest - _lateness, ZonedCalendar.Earliest), zone);
            bound = Math.Max(bound, interval.Start);
            boundMoves = Math.Min(boundMoves, interval.End + _lateness);
        }

        long pending = PendingStepStart(state);
        if (_options.Split && pending != long.MaxValue)
        {
            // A late reading may still attach to the pending step's start interval.
            foreach (GridCache grid in _pendingGrids)
            {
                bound = Math.Min(bound, grid.Containing(asset, pending, zone).Start);
            }
        }

        if (state.SecondTimeFloor >= bound)
        {
            // Without split the bound stays put until the latest time leaves these intervals; with
            // split it also follows the pending step, so it is computed every time.
            state.PruneDue = _options.Split ? long.MinValue : boundMoves;
            return;
        }

        if (state.InLog)
        {
            // The log is cut at marks, without reading it back; when none allows it yet, the next
            // interval's opening will.
            if (!state.DropToMark(_log!, bound))
            {
                state.PruneDue = boundMoves;
            }

            return;
        }

        ref SlidingList<EnergyReading> readings = ref state.Readings;
        int drop = 0;
        while (drop < readings.Count - 1 && readings[drop].Time < bound && readings[drop + 1].Time < bound)
        {
            drop++;
        }

        // Keep the last reading before the bound: with split it is the start of the next step. The
        // new base is computed with the asset's parameters, which evaluated when the readings were
        // accepted; should they no longer, the horizon stays whole.
        if (drop > 0 && HasParameters(asset, state))
        {
            state.DropReadings(drop, StateAfter(state, drop, state.Parameters));
            if (_log is not null && readings.Count <= EnergyAssetState.RelogLimit)
            {
                state.MoveToLog(_log);
            }
        }
        else
        {
            state.SecondTimeFloor = readings.Count > 1 ? readings[1].Time : long.MaxValue;
        }
    }

    private bool TouchesExpired(int asset, EnergyAssetState state, long reference, TimeZoneInfo zone)
    {
        foreach (GridCache grid in _grids)
        {
            if (Expired(state, grid.Containing(asset, reference, zone).End))
            {
                return true;
            }
        }

        return false;
    }

    private bool Expired(EnergyAssetState state, long end) =>
        end + _lateness <= state.Latest && (!_options.Split || end <= PendingStepStart(state));

    /// <summary>Start of the step the next in-order reading would make; MaxValue when there is none yet.</summary>
    private static long PendingStepStart(EnergyAssetState state)
    {
        StepState last = state.Last;
        return last.HasBaseline ? last.Time : long.MaxValue;
    }
}
