using System.Runtime.CompilerServices;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;
using Dsl.Runtime.State;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// An energy rule over one input point, per asset. Each interval's total equals the sequential
/// algorithm applied to all accepted readings sorted by time (ties in arrival order): a reading
/// that arrives out of order is inserted into the horizon of readings it can still precede, and
/// the steps from there on are recomputed from the stored state snapshot, emitting updates for
/// emitted intervals whose total changes.
/// <para>
/// An interval expires (its total can no longer change; its state is dropped) when the point's
/// latest time for the asset reaches its end + lateness — and, with <c>split</c>, only once the
/// pending step (from the current baseline) can no longer reach into it, i.e. the baseline time
/// is at or after its end. A valid reading is accepted unless a step it changes would touch an
/// expired interval: without <c>split</c> that is an interval containing the reading's time, with
/// <c>split</c> an interval containing the start of the step that ends at the reading.
/// </para>
/// </summary>
public sealed partial class EnergyOperator<TParams> : IOperator, ICheckpointedOperator
    where TParams : struct, IEnergyParameters
{
    // Configuration.
    private readonly JobContext _context;
    private readonly EnergyOptions _options;
    private readonly EnergyOutput[] _outputs;
    private readonly GridCache[] _grids;

    // Transient: separate caches for the horizon bounds, which move at a different pace.
    private readonly GridCache[] _boundGrids;
    private readonly GridCache[] _pendingGrids;
    private readonly long _lateness;
    private readonly TParams _parameters;

    // Checkpointed state: interval totals (state store) and per-asset horizons (object state,
    // through WriteState).
    private readonly IStateTable<EnergyIntervalKey, IntervalTotal> _totals;
    private EnergyAssetState?[] _assets = new EnergyAssetState?[16];

    // Transient scratch.
    private readonly List<EnergyIntervalKey> _touched = [];
    private readonly List<Contribution> _contributions = [];

    // Transient: contribution arrays of dropped readings, reused so that in-order readings
    // allocate nothing once the horizon has filled.
    private readonly Stack<Contribution[]> _arrayPool = new();

    public EnergyOperator(JobContext context, string name, EnergyOptions options, TParams parameters = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        _context = context;
        Name = name;
        _options = options;
        _outputs = [.. options.Outputs];
        _grids = new GridCache[_outputs.Length];
        _boundGrids = new GridCache[_outputs.Length];
        _pendingGrids = new GridCache[_outputs.Length];
        for (int o = 0; o < _outputs.Length; o++)
        {
            _grids[o] = new GridCache(_outputs[o].Grid);
            _boundGrids[o] = new GridCache(_outputs[o].Grid);
            _pendingGrids[o] = new GridCache(_outputs[o].Grid);
        }
        _lateness = Math.Max(0, options.LatenessMs);
        _parameters = parameters;
        _totals = context.Store.GetTable<EnergyIntervalKey, IntervalTotal>(name + ".totals");
    }

    public string Name { get; }

    /// <summary>Hot path: a record of the rule's input point.</summary>
    public void OnRecord(in InputRecord record)
    {
        EnergyAssetState state = State(record.Asset);
        bool accepted = record.IsValid && Accept(record.Asset, state, record.Time, record.Value * _options.UnitFactor);
        bool advanced = !state.Seen || record.Time > state.Latest;
        if (advanced)
        {
            state.Seen = true;
            state.Latest = record.Time;
        }

        if (advanced || (accepted && _options.Split))
        {
            // With split, a reading can also move the baseline past an interval's end.
            Transition(record.Asset, state, closeAll: false);
            Prune(record.Asset, state);
        }
    }

    public void Flush()
    {
        for (int asset = 0; asset < _assets.Length; asset++)
        {
            if (_assets[asset] is { Seen: true } state)
            {
                Transition(asset, state, closeAll: true);
                state.Readings.Clear();
            }
        }
    }

    public void CloseIdle(int asset)
    {
        if (asset >= _assets.Length || _assets[asset] is not { Seen: true } state)
        {
            return;
        }

        long lastEnd = state.Latest;
        foreach (EnergyIntervalKey key in state.Open)
        {
            lastEnd = Math.Max(lastEnd, _totals.Find(key).End);
        }

        Transition(asset, state, closeAll: true);
        if (state.Readings.Count > 0)
        {
            state.Base = state.Readings[^1].After;
            state.Readings.Clear();
        }

        state.Latest = Math.Max(state.Latest, lastEnd + _lateness);
    }

    private bool Accept(int asset, EnergyAssetState state, long time, double value)
    {
        AssetScope scope = _context.Scope(asset);
        if (_parameters.Slope(scope, out ValueInterval slope) != EvalStatus.Ok
            | _parameters.Scale(scope, out double scale) != EvalStatus.Ok
            | _parameters.PowerRange(scope, out ValueInterval? assetRange) != EvalStatus.Ok)
        {
            _context.Counters.Increment(Counter.SkippedAttribute);
            return false;
        }

        List<EnergyReading> readings = state.Readings;
        int index = readings.Count;
        while (index > 0 && readings[index - 1].Time > time)
        {
            index--;
        }

        StepState before = index > 0 ? readings[index - 1].After : state.Base;
        long reference = _options.Split && before.HasBaseline ? before.Time : time;
        if (state.Seen && TouchesExpired(asset, state, reference, scope.Zone))
        {
            _context.Counters.Increment(Counter.Late);
            return false;
        }

        readings.Insert(index, new EnergyReading { Time = time, Value = value });
        _touched.Clear();
        for (int o = 0; o < _outputs.Length; o++)
        {
            TimeWindow interval = _grids[o].Containing(asset, time, scope.Zone);
            Touch(asset, state, new EnergyIntervalKey(asset, o, interval.Start), interval.End);
        }

        Replay(asset, state, index, slope, scale, assetRange ?? _options.PowerRange, scope.Zone);
        foreach (EnergyIntervalKey key in _touched)
        {
            ref IntervalTotal total = ref _totals.Find(key);
            if (!Unsafe.IsNullRef(ref total) && total.Emitted && total.Sum != total.LastEmitted)
            {
                total.LastEmitted = total.Sum;
                Emit(key, total.Sum, CalMode.Update);
            }
        }

        return true;
    }

    /// <summary>Recomputes the steps of readings[from..] from the state before them.</summary>
    private void Replay(int asset, EnergyAssetState state, int from, ValueInterval slope, double scale, ValueInterval? powerRange, TimeZoneInfo zone)
    {
        List<EnergyReading> readings = state.Readings;
        StepState s = from > 0 ? readings[from - 1].After : state.Base;
        for (int j = from; j < readings.Count; j++)
        {
            EnergyReading reading = readings[j];
            if (reading.Contributions is { } old)
            {
                foreach (Contribution c in old)
                {
                    Add(asset, state, c, -c.Amount);
                }
            }

            StepState start = s;
            bool discarded = false;
            double amount = _options.Method == EnergyMethod.Meter
                ? MeterStep(ref s, reading.Value, reading.Time, slope, out discarded)
                : PowerStep(ref s, reading.Value, reading.Time, powerRange);
            if (discarded && !reading.Discarded)
            {
                _context.Counters.Increment(Counter.DiscardedSteps);
            }

            reading.Discarded = discarded;
            Release(reading.Contributions);
            reading.Contributions = double.IsNaN(amount) ? null : Attribute(asset, state, start.Time, reading.Time, amount * scale, zone);
            reading.After = s;
            readings[j] = reading;
        }
    }

    private void Add(int asset, EnergyAssetState state, Contribution c, double amount)
    {
        var key = new EnergyIntervalKey(asset, c.Output, c.Start);
        Touch(asset, state, key, c.End).Sum += amount;
    }

    private ref IntervalTotal Touch(int asset, EnergyAssetState state, EnergyIntervalKey key, long end)
    {
        _totals.GetOrAdd(key, out bool added);
        if (added)
        {
            _totals.Find(key).End = end;
            int i = state.Open.Count;
            while (i > 0 && _totals.Find(state.Open[i - 1]).End > end)
            {
                i--;
            }

            state.Open.Insert(i, key);
        }

        if (!_touched.Contains(key))
        {
            _touched.Add(key);
        }

        return ref _totals.Find(key);
    }

    private void Transition(int asset, EnergyAssetState state, bool closeAll)
    {
        int i = 0;
        while (i < state.Open.Count)
        {
            EnergyIntervalKey key = state.Open[i];
            IntervalTotal total = _totals.Find(key);
            if (closeAll || Expired(state, total.End))
            {
                if (!total.Emitted)
                {
                    Emit(key, total.Sum, CalMode.Ontime);
                }

                _totals.Remove(key);
                state.Open.RemoveAt(i);
                continue;
            }

            if (total.End <= state.Latest && !total.Emitted)
            {
                ref IntervalTotal t = ref _totals.Find(key);
                t.Emitted = true;
                t.LastEmitted = t.Sum;
                Emit(key, total.Sum, CalMode.Ontime);
            }

            i++;
        }
    }

    /// <summary>
    /// Drops readings no acceptable reading can precede any more: every future accepted reading
    /// (or, with <c>split</c>, the start of its step) lies at or after the start of the intervals
    /// containing latest − lateness.
    /// </summary>
    private void Prune(int asset, EnergyAssetState state)
    {
        TimeZoneInfo zone = _context.Assets.Zone(asset);
        long bound = long.MinValue;
        foreach (GridCache grid in _boundGrids)
        {
            bound = Math.Max(bound, grid.Containing(asset, state.Latest - _lateness, zone).Start);
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

        int drop = 0;
        while (drop < state.Readings.Count - 1 && state.Readings[drop].Time < bound && state.Readings[drop + 1].Time < bound)
        {
            drop++;
        }

        // Keep the last reading before the bound: with split it is the start of the next step.
        if (drop > 0)
        {
            state.Base = state.Readings[drop - 1].After;
            for (int i = 0; i < drop; i++)
            {
                Release(state.Readings[i].Contributions);
            }

            state.Readings.RemoveRange(0, drop);
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
        StepState last = state.Readings.Count > 0 ? state.Readings[^1].After : state.Base;
        return last.HasBaseline ? last.Time : long.MaxValue;
    }

    private void Emit(EnergyIntervalKey key, double sum, CalMode mode)
    {
        if (double.IsFinite(sum))
        {
            _context.Output.Emit(key.Asset, _outputs[key.Output].Point, key.Start, EnergyPrecision.Round(sum), mode);
        }
        else
        {
            _context.Counters.Increment(Counter.InvalidResults);
        }
    }

    private void Release(Contribution[]? contributions)
    {
        // Only the fixed length of unsplit steps is pooled; split steps vary in length.
        if (contributions is not null && !_options.Split && _arrayPool.Count < 1024)
        {
            _arrayPool.Push(contributions);
        }
    }

    private EnergyAssetState State(int asset)
    {
        if (asset >= _assets.Length)
        {
            Array.Resize(ref _assets, Math.Max(asset + 1, _assets.Length * 2));
        }

        return _assets[asset] ??= new EnergyAssetState();
    }

    public void WriteState(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_assets.Length);
        foreach (EnergyAssetState? state in _assets)
        {
            writer.Write(state is not null);
            state?.WriteTo(writer);
        }
    }

    public void ReadState(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int assets = reader.ReadCount();
        _assets = new EnergyAssetState?[Math.Max(16, assets)];
        for (int asset = 0; asset < assets; asset++)
        {
            if (reader.ReadBoolean())
            {
                var state = new EnergyAssetState();
                state.ReadFrom(reader);
                _assets[asset] = state;
            }
        }
    }
}
