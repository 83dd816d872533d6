using System.Runtime.CompilerServices;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Records;
using Dsl.Runtime.State;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>
/// Tumbling, calendar and hopping windows of one input point of one aggregate block, per asset.
/// Lateness follows the language's rule exactly: a record at t in window [s, e) is dropped from
/// that window when the point's latest time for the asset seen before it is ≥ e + lateness.
/// A window is due when the latest time reaches e and is dropped when it reaches e + lateness.
/// <para>
/// With a generated <typeparamref name="THead"/>, each asset's newest window lives in a dense slot
/// (<see cref="WindowHeadSlot{THead}"/>) rather than in the keyed tables, and the windows behind it
/// (still open for late records) in the keyed tables: a record in order then costs a few array
/// accesses. Invariant: an active head starts after every window of the asset in the keyed tables.
/// </para>
/// </summary>
public sealed partial class WindowOperator<TInputs, THead> : IOperator, ICheckpointedOperator
    where TInputs : struct, IWindowInputs
    where THead : unmanaged, IWindowHead
{
    // Configuration (part of the job's identity and state fingerprint).
    private readonly JobContext _context;
    private readonly WindowSpec _spec;
    private readonly WindowOptions _options;
    private readonly AggregateOutput[] _outputs;
    private readonly long _lateness;
    private readonly bool _hasFill;
    private readonly TInputs _inputs;

    // Checkpointed state: progress, window bookkeeping and moments in the state store; the sample
    // lists and the per-asset index of open window starts (sorted) through WriteState.
    private readonly AssetStateTable<WindowProgress> _progress;
    private readonly IStateTable<WindowKey, WindowMeta> _windows;
    private readonly IStateTable<OutputWindowKey, Moments> _moments;
    private readonly Dictionary<OutputWindowKey, SampleList> _samples = [];
    private List<long>?[] _open = new List<long>?[16];

    // Checkpointed through WriteState: when the input point is chained, the records each open
    // window holds, so that a corrected upstream result replaces the one it corrects.
    private readonly ChainedRecords? _chained;

    // Per asset: the quiet bound (transient) and, when the block has heads, the newest window
    // (checkpointed through WriteState).
    private readonly bool _useHead;
    private WindowHeadSlot<THead>[] _heads = new WindowHeadSlot<THead>[16];

    // Hopping windows keep their partials per step (WindowOperator.Panes.cs).
    private readonly bool _usePanes;
    private readonly SampleList _paneSamples = new();

    // Checkpointed through WriteState: per asset, the starts of the panes that hold partials
    // (sorted), so that a window's result reads only those, however many steps it spans.
    private List<long>?[] _panes = new List<long>?[16];

    // Transient: pooled sample lists and scratch buffers.
    private readonly Stack<SampleList> _samplePool = new();
    private readonly TimeWindow[] _assigned;
    private readonly GridCache? _calendar;

    // Tumbling on a fixed grid: the window after a head is the head's end plus the size.
    private readonly long _tumblingSize;
    private readonly double[] _values;
    private readonly EvalStatus[] _statuses;

    // Transient: per output, read once here rather than through the output on every record.
    private readonly bool[] _needsSpread;
    private readonly bool[] _needsSamples;
    private double[] _scratch = new double[64];

    // The quiet bound (WindowHeadSlot.QuietUntil): in order, most records only advance time inside
    // an open window, and it spares them the walk over the open windows with a state lookup each.
    // Not with early results, whose ticks it does not track.
    private readonly bool _canSkipTransitions;

    // Transition's bound on window ends: nothing is closed early, or everything (end of input);
    // idle passes the wall clock. And the latest end it closed (MinValue: none), for idle.
    private const long CloseNone = long.MinValue;
    private const long CloseAll = long.MaxValue;
    private long _closedEnd;

    public WindowOperator(JobContext context, string name, WindowOptions options, IReadOnlyList<AggregateOutput> outputs, TInputs inputs = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outputs);
        if (options.Window.Kind == WindowKind.Session)
        {
            throw new ArgumentException("Session windows are run by SessionWindowOperator.", nameof(options));
        }

        _context = context;
        Name = name;
        _options = options;
        _spec = options.Window;
        _outputs = [.. outputs];
        _lateness = Math.Max(0, options.LatenessMs);
        _inputs = inputs;
        foreach (AggregateOutput output in _outputs)
        {
            _hasFill |= output.Fill is not null;
        }

        _progress = context.Store.GetAssetTable<WindowProgress>(name + ".progress");
        _windows = context.Store.GetTable<WindowKey, WindowMeta>(name + ".windows");
        _moments = context.Store.GetTable<OutputWindowKey, Moments>(name + ".moments");
        _assigned = new TimeWindow[_spec.MaxWindowsPerRecord];
        _calendar = _spec.Grid.IsCalendar ? new GridCache(_spec.Grid) : null;
        _tumblingSize = _spec.Kind == WindowKind.Tumbling && !_spec.Grid.IsCalendar ? _spec.SizeMs : 0;
        _values = new double[_outputs.Length];
        _statuses = new EvalStatus[_outputs.Length];
        _needsSpread = new bool[_outputs.Length];
        _needsSamples = new bool[_outputs.Length];
        for (int o = 0; o < _outputs.Length; o++)
        {
            _needsSpread[o] = _outputs[o].Kind is AggregateKind.Variance or AggregateKind.StdDev;
            _needsSamples[o] = _outputs[o].NeedsSamples;
        }

        _canSkipTransitions = options.Emit != EmitPolicy.Early;
        _chained = context.IsChained(options.InputPoint) ? new ChainedRecords() : null;

        // The head covers the in-order case of single-window blocks; early results tick on their
        // own schedule and keep every window in the keyed tables, and so do chained points, whose
        // windows hold their records.
        _useHead = typeof(THead) != typeof(NoHead) && _spec.MaxWindowsPerRecord == 1 && _canSkipTransitions && _chained is null;
        _usePanes = _spec.Kind == WindowKind.Hopping;
    }

    public string Name { get; }

    /// <summary>Hot path: a record of the block's input point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnRecord(in InputRecord record)
    {
        if (!_useHead || !TryAddInOrder(record))
        {
            OnRecordInGeneral(record);
        }
    }

    /// <summary>
    /// Every record the head slots do not take. Not inlined, so that the dispatch loop the in-order
    /// path is inlined into stays small enough for the JIT to inline that path whole.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnRecordInGeneral(in InputRecord record)
    {
        int asset = record.Asset;
        WindowProgress progress = _progress[asset];
        if (record.IsValid || _chained is not null)
        {
            // An invalid record of a chained point still replaces the valid one it corrects.
            if (_usePanes)
            {
                AcceptIntoPane(record, progress.Seen, progress.Latest);
            }
            else
            {
                Accept(record, progress.Seen, progress.Latest);
            }
        }

        if (!progress.Seen || record.Time > progress.Latest)
        {
            Advance(asset, record.Time);
        }
    }

    public void Flush(Predicate<int> includes)
    {
        int assets = Math.Min(_context.Assets.Count, _progress.Count);
        for (int asset = 0; asset < assets; asset++)
        {
            if (_progress[asset].Seen && includes(asset))
            {
                Transition(asset, _progress[asset].Latest, CloseAll);
            }
        }
    }

    public long CloseIdle(int asset, long nowMs)
    {
        if (asset >= _progress.Count || !_progress[asset].Seen)
        {
            return long.MaxValue;
        }

        ref WindowProgress progress = ref _progress[asset];
        Transition(asset, progress.Latest, nowMs);

        // Windows just closed must stay closed: move event time to where they would have expired.
        // It is then no record's time, which zero results must not follow (see FillDue).
        if (_closedEnd != long.MinValue && _closedEnd + _lateness > progress.Latest)
        {
            progress.Latest = _closedEnd + _lateness;
            progress.ClosedIdle = true;
        }

        return NextEnd(asset);
    }

    /// <summary>The start of the asset's newest open window (keyed or the head); MinValue when none is open.</summary>
    private long NewestOpenStart(int asset)
    {
        long newest = asset < _open.Length && _open[asset] is { Count: > 0 } open ? open[^1] : long.MinValue;
        return _useHead && asset < _heads.Length && _heads[asset].Active ? Math.Max(newest, _heads[asset].Start) : newest;
    }

    /// <summary>The earliest end of the asset's open windows (keyed or the head); MaxValue when none is open.</summary>
    private long NextEnd(int asset)
    {
        long next = _useHead && asset < _heads.Length && _heads[asset].Active ? _heads[asset].End : long.MaxValue;
        foreach (long start in asset < _open.Length ? _open[asset] ?? [] : [])
        {
            next = Math.Min(next, _windows.Find(new WindowKey(asset, start)).End);
        }

        return next;
    }

    private void Accept(in InputRecord record, bool seen, long latestBefore)
    {
        int asset = record.Asset;
        AssetScope scope = _context.Scope(asset);
        int n = 1;
        if (_calendar is not null)
        {
            _assigned[0] = _calendar.Containing(asset, record.Time, scope.Zone);
        }
        else
        {
            n = _spec.Assign(record.Time, scope.Zone, _assigned);
        }

        bool late = false;
        bool evaluated = false;
        bool anyValue = false;
        for (int w = 0; w < n; w++)
        {
            TimeWindow window = _assigned[w];
            if (seen && latestBefore >= window.End + _lateness)
            {
                late = true;
                continue;
            }

            bool due = seen && window.End <= latestBefore;
            if (_chained is not null && Replaces(record, scope, window, due))
            {
                // Computed again from the records the window holds.
            }
            else
            {
                if (!evaluated)
                {
                    anyValue = record.IsValid && Evaluate(record, scope, count: true);
                    evaluated = true;
                }

                if (!anyValue)
                {
                    continue;
                }

                if (!_useHead || !TryAddToHead(asset, window, record.Time, due, advances: !seen || record.Time > latestBefore))
                {
                    Add(asset, window, record.Time, due);
                }
            }

            if (due && _options.Emit != EmitPolicy.Final)
            {
                Emit(asset, window, CalMode.Update, hasState: true);
            }
        }

        if (late)
        {
            _context.Counters.Increment(Counter.Late);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Evaluate(in InputRecord record, in AssetScope scope, bool count)
    {
        bool any = false;
        bool missingAttribute = false;
        for (int o = 0; o < _outputs.Length; o++)
        {
            EvalStatus status = _inputs.Evaluate(o, record, scope, out double value);
            if (status == EvalStatus.Ok && !double.IsFinite(value))
            {
                // A NaN or infinite argument (e.g. sqrt of a negative) cannot be aggregated.
                if (count)
                {
                    _context.Counters.Increment(Counter.InvalidResults);
                }

                status = EvalStatus.Filtered;
            }

            missingAttribute |= status == EvalStatus.MissingAttribute;
            _statuses[o] = status;
            _values[o] = value;
            any |= status == EvalStatus.Ok;
        }

        if (missingAttribute && count)
        {
            _context.Counters.Increment(Counter.SkippedAttribute);
        }

        return any;
    }

    private void Add(int asset, TimeWindow window, long time, bool due)
    {
        OpenWindow(asset, window, time, due);
        AddValues(asset, window.Start, time);
    }

    /// <summary>
    /// The window's bookkeeping, opened when absent by a record at <paramref name="time"/>; a window
    /// due is (about to be) emitted.
    /// </summary>
    private void OpenWindow(int asset, TimeWindow window, long time, bool due)
    {
        var key = new WindowKey(asset, window.Start);
        ref WindowMeta meta = ref _windows.GetOrAdd(key, out bool added);
        if (added)
        {
            meta.End = window.End;

            // A window had nothing to show at the ticks the point's time passed before its first
            // valid record (on invalid or filtered records), nor at those the record itself reaches
            // (the first record of the asset, or one that jumps ahead): its first partial result is
            // at the next tick after that record, not at once.
            meta.LastEarlyTick = _options.Emit == EmitPolicy.Early
                ? EarlyTickReached(window, _progress[asset] is { Seen: true } progress ? Math.Max(progress.Latest, time) : time)
                : window.Start;

            // A window opened already due is emitted right away as an update.
            meta.Emitted = due;
            InsertOpen(asset, window.Start);
            _chained?.Open(key);
        }
        else if (due)
        {
            meta.Emitted = true;
        }
    }

    /// <summary>
    /// Adds the values <see cref="Evaluate"/> left, of a record at <paramref name="time"/>, to the
    /// partials of the window (or the pane) starting at <paramref name="start"/>.
    /// </summary>
    private void AddValues(int asset, long start, long time)
    {
        if (_usePanes)
        {
            NotePane(asset, start);
        }

        for (int o = 0; o < _outputs.Length; o++)
        {
            if (_statuses[o] != EvalStatus.Ok)
            {
                continue;
            }

            var key = new OutputWindowKey(asset, start, o);
            ref Moments moments = ref _moments.GetOrAdd(key, out _);
            if (_needsSpread[o])
            {
                moments.Add(time, _values[o]);
            }
            else
            {
                moments.AddWithoutSpread(time, _values[o]);
            }

            if (_needsSamples[o])
            {
                if (!_samples.TryGetValue(key, out SampleList? samples))
                {
                    samples = _samplePool.Count > 0 ? _samplePool.Pop() : new SampleList();
                    _samples.Add(key, samples);
                }

                samples.Add(time, _values[o]);
            }
        }
    }

    private void Advance(int asset, long latest)
    {
        ref WindowProgress progress = ref _progress[asset];
        if (!progress.Seen)
        {
            progress.Seen = true;
            TimeWindow first = _spec.First(latest, _context.Assets.Zone(asset));
            progress.FillStart = first.Start;
            progress.FillEnd = first.End;
        }

        progress.Latest = latest;
        progress.ClosedIdle = false;
        if (_canSkipTransitions && asset < _heads.Length && latest < _heads[asset].QuietUntil)
        {
            return;
        }

        Transition(asset, latest, CloseNone);
    }
}
