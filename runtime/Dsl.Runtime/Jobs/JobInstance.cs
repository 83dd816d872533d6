using System.Runtime.CompilerServices;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Operators;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Jobs;

/// <summary>
/// One run of a job. Generated code derives a sealed class that creates its operators in the
/// constructor (registering them in topological order of the rule graph, so a flush reaches
/// downstream rules after upstream ones have emitted into them) and implements
/// <see cref="Dispatch"/> as a <c>switch</c> over the point slot.
/// </summary>
public abstract class JobInstance
{
    // Configuration.
    private readonly List<IOperator> _operators = [];
    private readonly long _idleMs;

    // Transient: processing-time bookkeeping for idle closing, rebuilt as records arrive.
    private long[] _lastSeen = NewLastSeen(16);

    // Per asset: when idle closing has something more to close (MinValue: at once, once idle).
    private long[] _idleNext = NewLastSeen(16);
    private long _now = long.MinValue;

    protected JobInstance(JobContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        _idleMs = context.Manifest.IdleMs;
        context.Output.Bind(this);
    }

    public JobContext Context { get; }

    public IReadOnlyList<IOperator> Operators => _operators;

    /// <summary>Hot path: one parsed record (or a chained output).</summary>
    public void OnRecord(in InputRecord record)
    {
        CountInvalid(record);

        if (_now != long.MinValue)
        {
            TouchAsset(record.Asset);
        }

        Dispatch(record);
    }

    /// <summary>
    /// Hot path for a batch of records in order: the same as <see cref="OnRecord"/> for each. Without
    /// a realtime clock (which starts the idle bookkeeping) the generated job runs the whole batch in
    /// one loop of its own, where dispatch and the operators' calls are direct. Returns the batch's
    /// latest event time (MinValue when it is empty), found in the same pass.
    /// </summary>
    public long OnRecords(ReadOnlySpan<InputRecord> records)
    {
        if (_now == long.MinValue)
        {
            return DispatchAll(records);
        }

        long latest = long.MinValue;
        foreach (ref readonly InputRecord record in records)
        {
            latest = Math.Max(latest, record.Time);
            OnRecord(record);
        }

        return latest;
    }

    /// <summary>
    /// End of input (offline): every operator emits what is open, upstream first; of the assets
    /// <paramref name="includes"/> takes, when given (see <see cref="IOperator.Flush"/>).
    /// </summary>
    public void Flush(Predicate<int>? includes = null)
    {
        includes ??= static _ => true;
        foreach (IOperator op in _operators)
        {
            op.Flush(includes);
        }
    }

    /// <summary>
    /// Realtime: the wall clock moved to <paramref name="nowMs"/>. An asset silent for the job's
    /// <c>idle</c> has its windows and intervals that end by the clock closed
    /// (<see cref="IOperator.CloseIdle"/>), and again whenever the clock passes the end of one it
    /// left open, for as long as it stays silent.
    /// </summary>
    public void AdvanceProcessingTime(long nowMs)
    {
        bool first = _now == long.MinValue;
        _now = nowMs;
        if (first)
        {
            // Assets that sent records before the clock started are taken as seen now.
            for (int asset = 0; asset < Context.Assets.Count; asset++)
            {
                TouchAsset(asset);
            }

            return;
        }

        if (_idleMs <= 0)
        {
            return;
        }

        int assets = Math.Min(Context.Assets.Count, _lastSeen.Length);
        for (int asset = 0; asset < assets; asset++)
        {
            if (_lastSeen[asset] != long.MinValue && nowMs - _lastSeen[asset] >= _idleMs && nowMs >= _idleNext[asset])
            {
                long next = long.MaxValue;
                foreach (IOperator op in _operators)
                {
                    next = Math.Min(next, op.CloseIdle(asset, nowMs));
                }

                _idleNext[asset] = next;
            }
        }
    }

    /// <summary>Routes a record to the operators that read its point.</summary>
    protected abstract void Dispatch(in InputRecord record);

    /// <summary>
    /// Counts the invalid records of a batch, dispatches each and returns the latest event time.
    /// Generated jobs override it with the same loop around their own (inlined) <see cref="Dispatch"/>.
    /// </summary>
    protected virtual long DispatchAll(ReadOnlySpan<InputRecord> records)
    {
        long latest = long.MinValue;
        foreach (ref readonly InputRecord record in records)
        {
            latest = Math.Max(latest, record.Time);
            CountInvalid(record);
            Dispatch(record);
        }

        return latest;
    }

    /// <summary>A record whose value lies outside its point's range still advances time; it is counted here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void CountInvalid(in InputRecord record)
    {
        if (!record.IsValid)
        {
            Context.Counters.Increment(Counter.Invalid);
        }
    }

    protected T Register<T>(T op)
        where T : IOperator
    {
        _operators.Add(op);
        return op;
    }

    private void TouchAsset(int asset)
    {
        if (asset >= _lastSeen.Length)
        {
            int size = Context.Assets.CapacityFor(asset, _lastSeen.Length);
            long[] lastSeen = NewLastSeen(size);
            _lastSeen.CopyTo(lastSeen, 0);
            _lastSeen = lastSeen;
            long[] idleNext = NewLastSeen(size);
            _idleNext.CopyTo(idleNext, 0);
            _idleNext = idleNext;
        }

        _lastSeen[asset] = _now;
        _idleNext[asset] = long.MinValue;
    }

    private static long[] NewLastSeen(int size)
    {
        var lastSeen = new long[size];
        Array.Fill(lastSeen, long.MinValue);
        return lastSeen;
    }
}
