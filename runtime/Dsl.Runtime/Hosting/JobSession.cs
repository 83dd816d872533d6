using Dsl.Runtime.Assets;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;
using Dsl.Runtime.Sinks;
using Dsl.Runtime.Sources;
using Dsl.Runtime.State;

namespace Dsl.Runtime.Hosting;

/// <summary>
/// One run of a compiled job: resolves points and assets, parses input lines, feeds the job
/// instance and counts. Single-threaded: all of a run's state is touched by one thread.
/// </summary>
public sealed class JobSession
{
    private readonly NdjsonRecordReader _reader;
    private readonly IOutputSink _sink;
    private long _latestEventTime = long.MinValue;

    /// <summary>A run whose outputs go to a sink of the caller's.</summary>
    public JobSession(CompiledJob job, IOutputSink sink, JobSessionOptions? options = null)
        : this(job, (_, _, _) => sink, options)
    {
    }

    /// <summary>A run that writes outputs as NDJSON to a stream.</summary>
    public JobSession(CompiledJob job, Stream output, JobSessionOptions? options = null)
        : this(job, (manifest, points, assets) => new NdjsonOutputSink(output, manifest, points, assets), options)
    {
    }

    /// <summary>A run whose sink is made once points and assets are known (it needs them to name outputs).</summary>
    internal JobSession(CompiledJob job, Func<JobManifest, PointTable, AssetTable, IOutputSink> createSink, JobSessionOptions? options)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(createSink);
        options ??= new JobSessionOptions();
        Manifest = job.Manifest;
        Points = new PointTable(Manifest);
        Assets = new AssetTable(Manifest, Points, options.Assets);
        Counters = new RunCounters();
        _sink = createSink(Manifest, Points, Assets);
        Store = options.Store ?? new MemoryStateStore();
        var context = new JobContext(Manifest, Points, Assets, Store, Counters, _sink, options.DerivedElsewhere);
        Instance = job.CreateInstance(context);
        _reader = new NdjsonRecordReader(Points, Assets, Counters, new ErrorLog(Counters, options.ErrorLog, options.FullErrorsPerReason));
    }

    public JobManifest Manifest { get; }

    public PointTable Points { get; }

    public AssetTable Assets { get; }

    public RunCounters Counters { get; }

    /// <summary>
    /// The latest event time (Unix epoch milliseconds) of a record this run has processed, or
    /// <see cref="long.MinValue"/> before the first; monitoring reads it from other threads to
    /// measure how far event time lags behind the wall clock (a 64-bit write is atomic).
    /// </summary>
    public long LatestEventTime => Volatile.Read(ref _latestEventTime);

    /// <summary>
    /// When set, the assets of the records processed one at a time (<see cref="ProcessLine"/>,
    /// <see cref="Process(in InputRecord)"/>) are added: a scheduled run flushes only those.
    /// </summary>
    public ISet<int>? AssetsRead { get; set; }

    public IStateStore Store { get; }

    public IOutputSink Sink => _sink;

    public JobInstance Instance { get; }

    /// <summary>Parses one NDJSON line and, if it is a record the job reads, processes it.</summary>
    public ParseOutcome ProcessLine(ReadOnlySpan<byte> line, long lineNumber)
    {
        ParseOutcome outcome = _reader.Parse(line, lineNumber, out InputRecord record);
        if (outcome == ParseOutcome.Record)
        {
            AssetsRead?.Add(record.Asset);
            NoteEventTime(record.Time);
            Instance.OnRecord(record);
        }

        return outcome;
    }

    /// <summary>Processes every line of the stream; in realtime mode the wall clock drives idle closing.</summary>
    public void ProcessInput(Stream input, TimeProvider? clock = null)
    {
        var lines = new Utf8LineReader(input);
        ProcessLines(lines, clock);
    }

    /// <summary>
    /// Offline input on two threads: parsing overlaps processing (see <see cref="PipelinedInput"/>);
    /// outputs, counters and errors are those of <see cref="ProcessInput"/> without a clock.
    /// </summary>
    internal void ProcessInputPipelined(Stream input)
    {
        var pipeline = new PipelinedInput(new Utf8LineReader(input), _reader);
        pipeline.Run(batch => ProcessResolved(batch.Records.AsSpan(0, batch.Count)));
    }

    /// <summary>Processes the remaining lines of a reader (which may start part-way into its input).</summary>
    public void ProcessLines(Utf8LineReader lines, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        while (lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            ProcessLine(line, lines.LineNumber);
            if (clock is not null)
            {
                Instance.AdvanceProcessingTime(clock.GetUtcNow().ToUnixTimeMilliseconds());
            }
        }
    }

    /// <summary>Processes a record whose asset and point are already resolved.</summary>
    public void Process(in InputRecord record)
    {
        AssetsRead?.Add(record.Asset);
        Counters.Increment(Counter.RecordsRead);
        NoteEventTime(record.Time);
        Instance.OnRecord(record);
    }

    /// <summary>Processes a batch of records whose assets and points are already resolved, in order.</summary>
    public void Process(ReadOnlySpan<InputRecord> records)
    {
        Counters.Add(Counter.RecordsRead, records.Length);
        ProcessResolved(records);
    }

    private void ProcessResolved(ReadOnlySpan<InputRecord> records)
    {
        NoteEventTime(Instance.OnRecords(records));
    }

    private void NoteEventTime(long time)
    {
        if (time > _latestEventTime)
        {
            Volatile.Write(ref _latestEventTime, time);
        }
    }

    public void AdvanceProcessingTime(long nowMs) => Instance.AdvanceProcessingTime(nowMs);

    /// <summary>End of input: flush every operator (offline semantics) and the sink.</summary>
    public void Complete() => Complete(null);

    /// <summary>End of input, flushing the assets <paramref name="includes"/> takes (all when null).</summary>
    public void Complete(Predicate<int>? includes)
    {
        Instance.Flush(includes);
        _sink.Flush();
    }
}
