using System.Runtime.CompilerServices;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;
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
/// <para>
/// All state is per asset (<see cref="EnergyAssetState"/>), not in keyed tables: the open
/// intervals are few and sit next to the readings that feed them, so an in-order reading costs a
/// few array accesses and no hash lookup, and it allocates nothing once the horizon has filled.
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

    // A meter's readings are kept as the register writes them and its unit is applied to each
    // step: converted first, a 15-digit Wh register would lose its last digits to the product
    // (0.001 kWh steps off by several mWh). Power samples are converted as they come. So the
    // horizon holds readings in the register's unit, and `rollover M`, in that unit, is compared
    // with them as it is.
    private readonly double _readingFactor;

    // The method: by meter, else by power with the trapezoid (instant_power) or the rectangle
    // (average_power). Fields, so that a step reads no property of the options.
    private readonly bool _meter;
    private readonly bool _trapezoid;

    // The checkpoint's trailing marker: the horizons hold a meter's readings in its register's unit.
    private const int ReadingsInRegisterUnit = 1;
    private readonly double _stepFactor;
    private readonly double? _rollover;

    // A chained input point: a reading at the time of one kept is a correction and replaces it.
    private readonly bool _chained;

    // Whether in-order readings take TryAppendToOpen: not with split (whose steps span intervals)
    // nor for a chained point (whose reading at the latest time may replace the latest reading).
    private readonly bool _appendsInOrder;

    // Whether in-order readings go through heads (EnergyOperator.Heads.cs), which hold the totals of
    // two outputs. The generated loop calls OnRecordWithoutHeads for the rules that cannot.
    private readonly bool _lendsHeads;

    // Checkpointed state: per-asset horizons and open intervals (object state, through WriteState).
    private EnergyAssetState?[] _assets = new EnergyAssetState?[16];

    // The horizons whose readings came in order (null with split, whose horizons are all lists).
    private ReadingLog? _log;

    // Transient scratch: the intervals a reading changed, in the order their updates are emitted.
    private readonly List<EnergyIntervalKey> _touched = [];

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
        bool meter = options.Method == EnergyMethod.Meter;
        _meter = meter;
        _trapezoid = options.Method == EnergyMethod.InstantPower;
        _readingFactor = meter ? 1 : options.UnitFactor;
        _stepFactor = meter ? options.UnitFactor : 1;
        _rollover = options.Rollover;
        _parameters = parameters;
        _log = options.Split ? null : new ReadingLog();
        _chained = context.IsChained(options.InputPoint);
        _appendsInOrder = !options.Split && !_chained;
        _lendsHeads = EnergyOptions.AppendsThroughHeads(options.Split) && !_chained && _outputs.Length <= 2;
    }

    public string Name { get; }

    /// <summary>A record of the rule's input point, for a caller that does not know the rule's method.</summary>
    public void OnRecord(in InputRecord record)
    {
        if (!TryAppendToHead(record))
        {
            OnRecordOffHead(record);
        }
    }

    /// <summary>
    /// Hot path of a rule <c>by meter</c> with heads (<see cref="EnergyOptions.AppendsThroughHeads"/>):
    /// the generated loop calls this, or <see cref="OnPowerSample"/>, by the rule's method, so
    /// that the path it inlines has one method's step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnMeterReading(in InputRecord record)
    {
        if (!TryAppendToHead<ByMeter>(record))
        {
            OnRecordOffHead(record);
        }
    }

    /// <summary>Hot path of a rule <c>by instant_power</c> or <c>by average_power</c> with heads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnPowerSample(in InputRecord record)
    {
        if (!TryAppendToHead<ByPower>(record))
        {
            OnRecordOffHead(record);
        }
    }

    /// <summary>
    /// A record of a rule that lends no heads (<see cref="EnergyOptions.AppendsThroughHeads"/>): the
    /// generated loop calls this instead of <see cref="OnRecord"/>, so that the in-order path it
    /// inlines is <see cref="TryAppendToOpen"/>, without a head to try first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnRecordWithoutHeads(in InputRecord record)
    {
        if (!TryAppendToOpen(record))
        {
            OnRecordInGeneral(record);
        }
    }

    /// <summary>
    /// Every record <see cref="TryAppendToHead"/> does not take, with the asset's head taken back
    /// while it is handled and lent again after. Not inlined, so that the dispatch loop the
    /// in-order path is inlined into stays small.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnRecordOffHead(in InputRecord record)
    {
        if (!TryAppendToOpen(record))
        {
            OnRecordInGeneral(record);
        }

        LendHead(record.Asset);
    }

    /// <summary>
    /// Every record neither in-order path takes (and, for tests, any record: it handles them all,
    /// and lends no head). Not inlined, so that the dispatch loop stays small.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void OnRecordInGeneral(in InputRecord record)
    {
        ReturnHead(record.Asset);
        EnergyAssetState state = State(record.Asset);
        bool accepted = record.IsValid && Accept(record.Asset, state, record.Time, record.Value * _readingFactor);
        bool advanced = !state.Seen || record.Time > state.Latest;
        if (advanced)
        {
            state.Seen = true;
            state.Latest = record.Time;
        }

        if (advanced || (accepted && _options.Split))
        {
            // With split, a reading can also move the baseline past an interval's end.
            AdvanceDue(record.Asset, state);
        }
    }

    /// <summary>
    /// After the latest time (or the baseline) moved: emits and drops what is due, prunes the
    /// horizon when its bound may have moved. Almost every record finds nothing due for either,
    /// which the checks here tell without a call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AdvanceDue(int asset, EnergyAssetState state)
    {
        if (state.Latest >= state.Open.Due)
        {
            Transition(asset, state, long.MinValue);
        }

        if (state.Latest >= state.PruneDue)
        {
            Prune(asset, state);
        }
    }

    public void Flush(Predicate<int> includes)
    {
        ReturnAllHeads();
        bool all = true;
        for (int asset = 0; asset < _assets.Length; asset++)
        {
            if (_assets[asset] is { Seen: true } state)
            {
                if (!includes(asset))
                {
                    all = false;
                    continue;
                }

                Transition(asset, state, long.MaxValue);
                state.ClearHorizon(_log);
            }
        }

        // The horizons of the assets left out still hold entries of the shared log.
        if (all)
        {
            _log?.Clear();
        }
    }

    public long CloseIdle(int asset, long nowMs)
    {
        ReturnHead(asset);
        long next = CloseIdleWithoutHead(asset, nowMs);
        LendHead(asset);
        return next;
    }

    private long CloseIdleWithoutHead(int asset, long nowMs)
    {
        if (asset >= _assets.Length || _assets[asset] is not { Seen: true } state)
        {
            return long.MaxValue;
        }

        // With split, an interval after the last reading waits for the next one, whose step reaches into it.
        long closed = Transition(asset, state, _options.Split ? Math.Min(nowMs, state.LastTime) : nowMs);
        if (closed != long.MinValue)
        {
            // Intervals just closed must stay closed: move event time to where they would have expired.
            state.Latest = Math.Max(state.Latest, closed + _lateness);
        }

        if (state.Open.Count == 0)
        {
            // Nothing open, as at the end of input: the next reading steps from the last one.
            state.ClearHorizon(_log);
        }

        long next = long.MaxValue;
        for (int i = 0; i < state.Open.Count; i++)
        {
            next = Math.Min(next, state.Open[i].End);
        }

        return next;
    }

    private bool Accept(int asset, EnergyAssetState state, long time, double value)
    {
        if (!HasParameters(asset, state))
        {
            _context.Counters.Increment(Counter.SkippedAttribute);
            return false;
        }

        ref readonly StepParameters parameters = ref state.Parameters;
        TimeZoneInfo zone = _context.Assets.Zone(asset);

        // Without split a reading's own intervals decide whether it is late (one after the latest
        // reading cannot touch an expired interval: the one containing it ends after the latest
        // time), so a late one is refused before its horizon is looked at; with split the start of
        // the step that ends at it decides.
        if (!_options.Split && state.Seen && time < state.Latest && TouchesExpired(asset, state, time, zone))
        {
            _context.Counters.Increment(Counter.Late);
            return false;
        }

        ref SlidingList<EnergyReading> readings = ref state.Readings;
        StepState before = state.Last;
        bool inOrder = state.LastTime <= time;
        bool replaces = _chained && state.Seen && time <= state.LastTime;
        int index = readings.Count;
        if (!inOrder || replaces)
        {
            // Readings are inserted into a list of the asset's own.
            state.Materialize(_log);
            index = readings.Count;
            while (index > 0 && readings[index - 1].Time > time)
            {
                index--;
            }

            // A chained point's reading at the time of one kept corrects it.
            replaces &= index > 0 && readings[index - 1].Time == time;
            if (replaces)
            {
                index--;
            }

            before = StateAfter(state, index, parameters);
        }

        if (_options.Split && state.Seen && TouchesExpired(asset, state, before.HasBaseline ? before.Time : time, zone))
        {
            _context.Counters.Increment(Counter.Late);
            return false;
        }

        if (inOrder && !replaces && !_options.Split)
        {
            AppendInOrder(asset, state, time, value, zone);
            return true;
        }

        double? replaced = null;
        if (replaces)
        {
            replaced = readings[index].Value;
            state.ReplaceReading(index, value);
        }
        else
        {
            state.InsertReading(index, time, value);
        }

        _touched.Clear();
        for (int o = 0; o < _outputs.Length; o++)
        {
            TimeWindow interval = _grids[o].Containing(asset, time, zone);
            Touch(state, new EnergyIntervalKey(o, interval.Start, interval.End));
        }

        Replay(asset, state, index, before, parameters, zone, replaced);
        foreach (EnergyIntervalKey key in _touched)
        {
            EmitUpdate(asset, state, key);
        }

        return true;
    }

    /// <summary>
    /// Whether the asset's parameters evaluate (<see cref="EnergyAssetState.Parameters"/>). They are
    /// evaluated on the asset's first reading of a run and kept: an asset's attributes are fixed
    /// once it has a slot, and evaluating them is most of an in-order reading's work otherwise.
    /// </summary>
    private bool HasParameters(int asset, EnergyAssetState state)
    {
        if (!state.ParametersEvaluated)
        {
            state.ParametersValid = TryParameters(_context.Scope(asset), out state.Parameters);
            state.ParametersEvaluated = true;
        }

        return state.ParametersValid;
    }

    /// <summary>
    /// The asset's parameters; false when one of them cannot be evaluated for it, or its scale
    /// (an attribute's value: the compiler refuses a constant one) is 0 or not finite, which would
    /// make every total 0 or none a number.
    /// </summary>
    private bool TryParameters(in AssetScope scope, out StepParameters parameters)
    {
        bool ok = (_parameters.Slope(scope, out ValueInterval slope) == EvalStatus.Ok)
            & (_parameters.Scale(scope, out double scale) == EvalStatus.Ok && scale != 0 && double.IsFinite(scale))
            & (_parameters.PowerRange(scope, out ValueInterval? range) == EvalStatus.Ok);
        parameters = new StepParameters(slope, scale, range ?? _options.PowerRange);
        return ok;
    }

    /// <summary>
    /// An emitted interval whose total a reading changed is emitted again, as an update. One the
    /// latest time had passed without a result (no reading fell in it until a late one) gets its
    /// first result now, as an update too, as a window does: a rule downstream that has gone past
    /// its time takes it for the correction it is.
    /// </summary>
    private void EmitUpdate(int asset, EnergyAssetState state, EnergyIntervalKey key)
    {
        int i = state.Open.IndexOf(key.Output, key.Start, key.End);
        if (i < 0)
        {
            return;
        }

        ref OpenInterval total = ref state.Open[i];
        if (total.ChangedSinceEmitted || (!total.Emitted && total.End <= state.Latest))
        {
            total.Emitted = true;
            total.LastEmitted = total.Sum;
            Emit(asset, key.Output, key.Start, total.Sum, CalMode.Update);
        }
    }

    /// <summary>
    /// Recomputes the steps from the reading just inserted at <paramref name="inserted"/> on, from
    /// <paramref name="before"/>, the state before it. The steps the later readings made before it
    /// arrived are recomputed too, alongside, and taken back reading by reading as the new ones
    /// are added, so that every total sees the same additions in the same order whatever order
    /// the readings arrived in. When the reading replaced one (<paramref name="replaced"/>: that
    /// one's value), the step the replaced one made is taken back as well.
    /// </summary>
    private void Replay(int asset, EnergyAssetState state, int inserted, StepState before, in StepParameters parameters, TimeZoneInfo zone, double? replaced)
    {
        ref SlidingList<EnergyReading> readings = ref state.Readings;
        StepState old = before;
        StepState now = before;
        for (int j = inserted; j < readings.Count; j++)
        {
            ref EnergyReading reading = ref readings[j];
            bool wasDiscarded = false;
            if (j > inserted || replaced is not null)
            {
                long oldFrom = old.Time;
                double oldValue = j == inserted ? replaced!.Value : reading.Value;
                double taken = Step(ref old, oldValue, reading.Time, parameters, out wasDiscarded);
                if (!double.IsNaN(taken))
                {
                    Attribute(asset, state, oldFrom, reading.Time, -(taken * parameters.Scale), zone);
                }
            }

            state.OfferSnapshot(j, now);
            long from = now.Time;
            double amount = Step(ref now, reading.Value, reading.Time, parameters, out bool discarded);
            if (discarded && !wasDiscarded)
            {
                _context.Counters.Increment(Counter.DiscardedSteps);
            }

            if (!double.IsNaN(amount))
            {
                Attribute(asset, state, from, reading.Time, amount * parameters.Scale, zone);
            }
        }

        state.SetLast(now);
    }

    private void Add(EnergyAssetState state, EnergyIntervalKey key, double amount)
    {
        ref OpenInterval total = ref Touch(state, key);
        total.Sum = EnergyPrecision.Add(total.Sum, amount);
    }

    /// <summary>The interval's total, opened when absent; the ref is valid until the next interval opens.</summary>
    private ref OpenInterval Touch(EnergyAssetState state, EnergyIntervalKey key)
    {
        ref OpenInterval total = ref state.Open.GetOrAdd(key.Output, key.Start, key.End);
        if (!_touched.Contains(key))
        {
            _touched.Add(key);
        }

        return ref total;
    }

    private void Emit(int asset, int output, long start, double sum, CalMode mode)
    {
        if (double.IsFinite(sum))
        {
            _context.Output.Emit(asset, _outputs[output].Point, start, EnergyPrecision.Round(sum), mode);
        }
        else
        {
            _context.Counters.Increment(Counter.InvalidResults);
        }
    }

    private EnergyAssetState State(int asset)
    {
        if (asset >= _assets.Length)
        {
            Array.Resize(ref _assets, _context.Assets.CapacityFor(asset, _assets.Length));
        }

        return _assets[asset] ??= new EnergyAssetState();
    }
}
