using System.Runtime.CompilerServices;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// The common case: a reading at or after every accepted one, without <c>split</c>. No later step
/// needs recomputing, and the step goes whole to the intervals containing the reading, which are
/// the ones it touches anyway; so this is <see cref="Replay"/> of one reading without its
/// bookkeeping. The totals see the same additions and the outputs come in the same order.
/// </summary>
public sealed partial class EnergyOperator<TParams>
{
    /// <summary>
    /// The commonest case of all, in a few field accesses and a scan of the asset's few open
    /// intervals from the newest: a valid reading of an asset whose parameters evaluated, at or after
    /// its latest time, whose intervals are all open already, in a rule without <c>split</c>. It
    /// cannot be late (lateness is only checked below the latest time) and, being the newest, it
    /// changes no later step; so it is <see cref="Accept"/> and <see cref="AppendInOrder"/> with
    /// every test they would make answered. False, having changed nothing, for every other record —
    /// among them each asset's first record, and its first after a restore (whose parameters are
    /// evaluated again).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryAppendToOpen(in InputRecord record)
    {
        int asset = record.Asset;
        ReturnHead(asset);
        if (Find(asset) is not { Seen: true, ParametersValid: true } state || !record.IsValid || !_appendsInOrder)
        {
            return false;
        }

        // At or after the latest time, so also after every accepted reading.
        long time = record.Time;
        long latest = state.Latest;
        if (time < latest || !AllOpen(state, time))
        {
            return false;
        }

        double value = record.Value * _readingFactor;
        bool step = StepInOrder(state, time, value, out StepState after, out double scaled);
        for (int o = 0; o < _outputs.Length; o++)
        {
            AddStep(asset, ref state.Open[NewestOpen(state, o)], step, scaled);
        }

        AddReading(state, time, value, after, opened: false);
        if (time > latest)
        {
            state.Latest = time;
            AdvanceDue(asset, state);
        }

        return true;
    }

    /// <summary>Whether each output's newest open interval contains the time (and so is the one the time falls in).</summary>
    private bool AllOpen(EnergyAssetState state, long time)
    {
        for (int o = 0; o < _outputs.Length; o++)
        {
            int i = NewestOpen(state, o);
            if (i < 0 || time < state.Open[i].Start || time >= state.Open[i].End)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The index of the output's open interval with the latest end, or −1. Every open interval
    /// starts at or before the latest time (a reading opened it), so when one of the output's
    /// intervals contains a time at or after it, this one does.
    /// </summary>
    private static int NewestOpen(EnergyAssetState state, int output)
    {
        for (int i = state.Open.Count - 1; i >= 0; i--)
        {
            if (state.Open[i].Output == output)
            {
                return i;
            }
        }

        return -1;
    }

    private void AppendInOrder(int asset, EnergyAssetState state, long time, double value, TimeZoneInfo zone)
    {
        bool step = StepInOrder(state, time, value, out StepState after, out double scaled);
        for (int o = 0; o < _outputs.Length; o++)
        {
            TimeWindow interval = _grids[o].Containing(asset, time, zone);
            AddStep(asset, ref state.Open.GetOrAdd(o, interval.Start, interval.End), step, scaled);
        }

        AddReading(state, time, value, after, opened: true);
    }

    /// <summary>Appends a reading to the asset's horizon; when that took the log a new chunk, frees what no horizon needs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddReading(EnergyAssetState state, long time, double value, StepState after, bool opened)
    {
        ReadingLog? log = _log;
        state.AddReading(log, time, value, after, opened);
        if (log is { ReclaimDue: true })
        {
            ReclaimLog();
        }
    }

    /// <summary>
    /// Frees the log's chunks that no horizon reaches back to. When horizons that started long ago
    /// (an asset that went quiet) still hold most of the log, they move to lists of their own, so
    /// that the log stays within a few times the readings it holds.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReclaimLog()
    {
        // A lent head leaves its state's first log entry and its being in the log as they are.
        ReadingLog log = _log!;
        log.FreeBefore(OldestLogged(log), _assets.Length);
        if (log.Wasteful)
        {
            long cut = log.Start + ((log.End - log.Start) / 2);
            for (int asset = 0; asset < _assets.Length; asset++)
            {
                EnergyAssetState? state = _assets[asset];
                if (state is { InLog: true } && state.LogHead < cut)
                {
                    ReturnHead(asset);
                    state.Materialize(log);
                }
            }

            log.FreeBefore(OldestLogged(log), _assets.Length);
        }
    }

    private long OldestLogged(ReadingLog log)
    {
        long oldest = log.End;
        foreach (EnergyAssetState? state in _assets)
        {
            if (state is { InLog: true })
            {
                oldest = Math.Min(oldest, state.LogHead);
            }
        }

        return oldest;
    }

    /// <summary>The step from the last reading to this one: false when there is none; else its energy, scaled.</summary>
    private bool StepInOrder(EnergyAssetState state, long time, double value, out StepState after, out double scaled)
    {
        after = state.Last;
        double amount = Step(ref after, value, time, state.Parameters, out bool discarded);
        if (discarded)
        {
            _context.Counters.Increment(Counter.DiscardedSteps);
        }

        scaled = amount * state.Parameters.Scale;
        return !double.IsNaN(amount);
    }

    /// <summary>Adds a step to an interval (the ref is valid until the next one opens) and, as EmitUpdate does, emits a changed emitted total.</summary>
    private void AddStep(int asset, ref OpenInterval total, bool step, double scaled)
    {
        if (step)
        {
            total.Sum = EnergyPrecision.Add(total.Sum, scaled);
        }

        if (total.ChangedSinceEmitted)
        {
            total.LastEmitted = total.Sum;
            Emit(asset, total.Output, total.Start, total.Sum, CalMode.Update);
        }
    }
}
