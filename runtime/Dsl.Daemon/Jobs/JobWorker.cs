using System.Diagnostics;
using Dsl.Daemon.Channels;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Sinks;
using Dsl.Runtime.State;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// Runs one started job: a loop on the thread pool reads the job's channel from its position,
/// feeds the durable host's session, and checkpoints every interval (position = the channel
/// address after the last record read). Control calls ask it to checkpoint and end at the next
/// record boundary; nothing else touches the host while the loop runs.
/// </summary>
internal sealed class JobWorker
{
    private const int CheckEveryRecords = 256;
    private static readonly TimeSpan IdleTick = TimeSpan.FromSeconds(1);

    // A timer waits at most about 49 days, and dsl serve takes a checkpoint interval of up to a
    // hundred years: a longer wait is made in steps, each waking only to look at the clock again.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);
    private readonly DurableJobHost _host;

    // The run's session, kept apart from the host: the host lets go of it when the loop ends (and
    // its Session then throws), while monitoring may still read the figures of a worker that is
    // ending. The worker never pauses or resumes the host, so the session is the same all along.
    private readonly JobSession _session;
    private readonly BoundedErrorLog _errors;
    private readonly ErrorLogFile _errorsFile;
    private readonly ChannelLog _channel;
    private readonly byte[] _origin;
    private readonly TimeSpan _checkpointInterval;
    private readonly bool _realtime;
    private readonly CancellationTokenSource _end = new();
    private readonly TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _address;
    private long _records;
    private long _checkpointedAddress = -1;
    private long _checkpointedOutputs = -1;
    private Task? _loop;

    private JobWorker(DurableJobHost host, BoundedErrorLog errors, string stateDirectory, ChannelLog channel, JobManifest manifest, long startAddress, TimeSpan checkpointInterval)
    {
        _host = host;
        _session = host.Session;
        _errors = errors;
        _errorsFile = new ErrorLogFile(ErrorLogFile.Beside(stateDirectory));
        _channel = channel;
        _origin = ChannelEntry.OriginOf(manifest.Name);
        _checkpointInterval = checkpointInterval;
        _realtime = manifest.Channel == JobChannel.Realtime;
        InputPosition position = host.Position;
        _address = host.Resumed ? position.Offset : startAddress;
        _records = host.Resumed ? position.Line : 0;
        OpenedCounters = _session.Counters.ToDictionary();
        Warnings = [.. host.Warnings];
        OpenedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>The counters as the state held them when opened: the checkpoint's on a resume, zero on a fresh start.</summary>
    public IReadOnlyDictionary<string, long> OpenedCounters { get; }

    /// <summary>What opening the state warned of, such as a damaged checkpoint it skipped (DSL5002).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>When the state was opened, before the worker read a record.</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>
    /// The session's counters (read from other threads: plain longs, good enough for monitoring).
    /// Readable at any time, also while the worker ends and after: its last figures.
    /// </summary>
    public RunCounters Counters => _session.Counters;

    /// <summary>
    /// Wall clock minus the latest event time the job has processed since it started (never
    /// negative); null until it has processed a record.
    /// </summary>
    public TimeSpan? Lag(DateTimeOffset now)
    {
        long latest = _session.LatestEventTime;
        return latest == long.MinValue ? null : TimeSpan.FromMilliseconds(Math.Max(0, now.ToUnixTimeMilliseconds() - latest));
    }

    /// <summary>The last checkpoint taken or restored.</summary>
    public CheckpointInfo? LastCheckpoint { get; private set; }

    /// <summary>
    /// When this worker's last checkpoint completed, or when the state was last found unchanged
    /// since it; null until it takes one (the alarm <c>checkpoint_age</c> measures from it).
    /// </summary>
    public DateTimeOffset? LastCheckpointAt { get; private set; }

    // The figures of the latest checkpoint this worker took.
    private CheckpointFigures? _figures;

    /// <summary>The channel address the job continues from.</summary>
    public long Address => Interlocked.Read(ref _address);

    /// <summary>Set when the loop ended by an error.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Called once when the loop fails.</summary>
    public Action<Exception>? Failed { get; init; }

    /// <summary>Called on the loop's thread after each checkpoint it commits.</summary>
    public Action<CheckpointFigures>? Checkpointed { get; init; }

    /// <summary>Opens the state (restoring its checkpoint) and starts reading.</summary>
    /// <exception cref="StateException">The state cannot be used by this version.</exception>
    public static JobWorker Start(
        CompiledJob job,
        string stateDirectory,
        StateStoreOptions store,
        BoundedErrorLog errors,
        Func<JobManifest, Runtime.Records.PointTable, Runtime.Assets.AssetTable, ICommittableSink> createSink,
        ChannelLog channel,
        long startAddress,
        TimeSpan checkpointInterval,
        Action<Exception> failed,
        Action<CheckpointFigures> checkpointed,
        CheckpointFigures? previous = null,
        IReadOnlySet<(string ModelId, string PointId)>? derivedElsewhere = null,
        IReadOnlyList<Runtime.Assets.AssetMasterData>? assets = null)
    {
        var session = new JobSessionOptions(assets, ErrorLog: errors, FullErrorsPerReason: int.MaxValue - 2, DerivedElsewhere: derivedElsewhere);
        if (previous is not null && !CheckpointPresence.Any(stateDirectory))
        {
            // Its folder gone or emptied: opened afresh, the job would read its run again from the
            // run's start, rewriting its outputs, or from where retention has dropped records.
            throw new StateException(RuntimeErrors.StateDamaged, stateDirectory,
                $"jobs.json records a checkpoint of the job at {previous.CompletedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, and the directory holds none (deleted, or restored without it)");
        }

        DurableJobHost host = DurableJobHost.Start(job, new DurableJobOptions(stateDirectory, session, store), createSink);
        try
        {
            // A start with no checkpoint yet (a failed job's, say) is checked too: retention may
            // have dropped entries after its start address meanwhile.
            channel.ResumeAt(host.Resumed ? host.Position.Offset : startAddress, stateDirectory);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        var worker = new JobWorker(host, errors, stateDirectory, channel, job.Manifest, startAddress, checkpointInterval) { Failed = failed, Checkpointed = checkpointed };
        worker.LastCheckpoint = host.LastCheckpoint;

        // The job reads the records from here on again, and logs their errors again.
        errors.ForgetFrom(worker.Address);
        if (host.Resumed && host.LastCheckpoint is { } restored)
        {
            // The resumed state is the checkpoint's, so that checkpoint is current: an idle job
            // resumed after a long pause is not one whose changes have gone unsaved that long.
            worker.Resumed(restored, previous);
        }

        worker._loop = Task.Run(worker.LoopAsync);
        return worker;
    }

    private void Resumed(CheckpointInfo restored, CheckpointFigures? previous)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        _checkpointedAddress = _address;
        _checkpointedOutputs = _session.Counters[Counter.Outputs];
        LastCheckpointAt = now;

        // A restore knows neither how long the checkpoint took nor its size (it reports zeros);
        // the figures recorded when it was committed do.
        _figures = previous is null
            ? new CheckpointFigures(now, restored.Duration, restored.Bytes, CurrentAt: now)
            : previous with { CurrentAt = now };
        Checkpointed?.Invoke(_figures);
    }

    /// <summary>
    /// Ends the loop with a checkpoint (also for a stop, which clears the state after it: the
    /// checkpoint commits the outputs). Returns once the loop has ended and the host is closed; a
    /// loop that failed has its error in <see cref="Failure"/>, not thrown here.
    /// </summary>
    public async Task StopAsync()
    {
        await _end.CancelAsync().ConfigureAwait(false);
        _wake.TrySetResult();
        if (_loop is { } loop)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The loop ended by the cancellation asked for here.
            }
        }
    }

    private async Task LoopAsync()
    {
        ChannelReader? reader = null;
        try
        {
            reader = _channel.Read(_address);
            var clock = Stopwatch.StartNew();
            while (!_end.IsCancellationRequested)
            {
                int sinceCheck = 0;
                bool caughtUp = true;
                while (reader.GetNext(out byte[] entry, out int length, out long current, out long next))
                {
                    ReadOnlySpan<byte> span = entry.AsSpan(0, length);
                    if (!ChannelEntry.Origin(span).SequenceEqual(_origin))
                    {
                        _records++;
                        _session.ProcessLine(ChannelEntry.Line(span), current);
                    }

                    Interlocked.Exchange(ref _address, next);
                    if (++sinceCheck >= CheckEveryRecords)
                    {
                        sinceCheck = 0;
                        if (_end.IsCancellationRequested || clock.Elapsed >= _checkpointInterval)
                        {
                            caughtUp = false;
                            break;
                        }
                    }
                }

                // Idle closing follows the wall clock only once the backlog is read: while catching
                // up, an asset silent in processing time may have records further on in the channel.
                if (_realtime && caughtUp)
                {
                    _session.AdvanceProcessingTime(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                }

                if (clock.Elapsed >= _checkpointInterval && !_end.IsCancellationRequested)
                {
                    Checkpoint();
                    clock.Restart();
                }

                if (_end.IsCancellationRequested)
                {
                    break;
                }

                Task more = reader.WaitAsync(_end.Token).AsTask();
                TimeSpan tick = _checkpointInterval - clock.Elapsed;
                if (_realtime && tick > IdleTick)
                {
                    // The clock of idle closing ticks at least this often.
                    tick = IdleTick;
                }

                if (tick > LongestWait)
                {
                    tick = LongestWait;
                }

                await Task.WhenAny(more, Task.Delay(tick > TimeSpan.Zero ? tick : TimeSpan.Zero), _wake.Task).ConfigureAwait(false);
            }

            // A stop too: its checkpoint commits the outputs of the records read since the last
            // one, which the job counts as written; the registry then deletes the state folder.
            Checkpoint();
        }
        catch (Exception e) when (e is not OperationCanceledException || !_end.IsCancellationRequested)
        {
            Failure = e;
            Failed?.Invoke(e);
        }
        finally
        {
            try
            {
                reader?.Dispose();
            }
            finally
            {
                try
                {
                    _host.Dispose();
                }
                catch (Exception e)
                {
                    // The checkpoint (if any) is committed; closing failed. The loop still ends (the
                    // host let go of its directory), so the registry sees the worker as ended; a
                    // loop that ends by itself is a failure of the job.
                    if (Failure is null)
                    {
                        Failure = e;
                        if (!_end.IsCancellationRequested)
                        {
                            Failed?.Invoke(e);
                        }
                    }
                }
            }
        }
    }

    private void Checkpoint()
    {
        long address = Interlocked.Read(ref _address);
        long outputs = _session.Counters[Counter.Outputs];

        // An idle job has nothing new to commit; checkpointing it anyway would only cost disk syncs.
        // Its latest checkpoint still holds all of its state, so that checkpoint is current.
        if (address == _checkpointedAddress && outputs == _checkpointedOutputs)
        {
            if (_figures is { } current)
            {
                LastCheckpointAt = DateTimeOffset.UtcNow;
                _figures = current with { CurrentAt = LastCheckpointAt };
                Checkpointed?.Invoke(_figures);
            }

            return;
        }

        _checkpointedAddress = address;
        _checkpointedOutputs = outputs;

        // Before the commit, so that the file holds every error the checkpoint's counters count
        // (and, should the commit not happen, some after it, which a resume forgets).
        _errorsFile.Save(_errors);
        CheckpointInfo checkpoint = _host.Checkpoint(new InputPosition(address, _records));
        DateTimeOffset completedAt = DateTimeOffset.UtcNow;
        LastCheckpoint = checkpoint;
        LastCheckpointAt = completedAt;
        _figures = new CheckpointFigures(completedAt, checkpoint.Duration, checkpoint.Bytes);
        Checkpointed?.Invoke(_figures);
    }
}
