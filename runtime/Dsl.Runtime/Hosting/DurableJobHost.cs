using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;
using Dsl.Runtime.Sinks;
using Dsl.Runtime.State;

namespace Dsl.Runtime.Hosting;

/// <summary>
/// A job with durable state: the host API behind <c>dsl run --state</c> and the daemon. It
/// restores the last intact checkpoint of its state directory on start (or starts empty), takes
/// checkpoints when asked, and pauses, resumes and stops. Records go through <see cref="Session"/>
/// on one thread; the caller tracks its input position and hands it to each checkpoint, which
/// commits it atomically with the state, the output position and the counters.
/// </summary>
public sealed class DurableJobHost : IDisposable
{
    private readonly CompiledJob _job;
    private readonly DurableJobOptions _options;
    private readonly Func<JobManifest, PointTable, AssetTable, ICommittableSink> _createSink;
    private readonly CheckpointDirectory _directory;
    private readonly List<string> _warnings = [];
    private JobSession? _session;
    private ICommittableSink? _sink;
    private FasterStateStore? _store;
    private CheckpointManifest? _committed;
    private long _nextSequence;
    private volatile bool _checkpointRequested;

    private DurableJobHost(CompiledJob job, DurableJobOptions options, Func<JobManifest, PointTable, AssetTable, ICommittableSink> createSink)
    {
        _job = job;
        _options = options;
        _createSink = createSink;
        _directory = CheckpointDirectory.Open(options.StateDirectory);
        try
        {
            Open();
        }
        catch
        {
            _directory.Dispose();
            throw;
        }
    }

    /// <summary>The running session; records go through it. Not available while paused.</summary>
    public JobSession Session => _session ?? throw new InvalidOperationException("The job is paused; resume it first.");

    /// <summary>Where the input continues: the position the restored checkpoint covers, or the start.</summary>
    public InputPosition Position { get; private set; } = InputPosition.Start;

    /// <summary>True when the state came from a checkpoint rather than starting empty.</summary>
    public bool Resumed { get; private set; }

    /// <summary>The restored checkpoint was taken at the end of the input: the run has nothing left to do.</summary>
    public bool IsCompleted { get; private set; }

    public bool IsPaused => _session is null;

    /// <summary>The last committed checkpoint (restored or taken), if any.</summary>
    public CheckpointInfo? LastCheckpoint { get; private set; }

    /// <summary>Messages about the state directory, such as a damaged checkpoint that was skipped (DSL5002).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Set by <see cref="RequestCheckpoint"/>; the processing loop takes the checkpoint at its next record boundary.</summary>
    public bool CheckpointRequested => _checkpointRequested;

    /// <summary>Opens the state directory of a job and restores its last intact checkpoint, or starts empty.</summary>
    /// <exception cref="StateException">The directory is in use, damaged beyond its checkpoints, of another job, or of an incompatible version.</exception>
    /// <exception cref="UnauthorizedAccessException">A file of the directory may not be read or written; the state is not called damaged for it.</exception>
    /// <exception cref="IOException">The system refused a file of the directory (a full disk, a read-only file system), or another I/O failure.</exception>
    public static DurableJobHost Start(CompiledJob job, DurableJobOptions options, Func<JobManifest, PointTable, AssetTable, ICommittableSink> createSink)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(createSink);
        return new DurableJobHost(job, options, createSink);
    }

    /// <summary>Compares the operators of two compiled versions of a job (see <see cref="StateCompatibility"/>).</summary>
    public static StateCompatibility CheckCompatibility(JobManifest previous, JobManifest next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        return StateCompatibility.Compare(previous.Operators, next.Operators);
    }

    /// <summary>Asks for a checkpoint at the next record boundary; safe to call from any thread.</summary>
    public void RequestCheckpoint() => _checkpointRequested = true;

    /// <summary>Commits the state, the output written so far and the given input position, atomically.</summary>
    public CheckpointInfo Checkpoint(InputPosition position) => Commit(position, completed: false);

    /// <summary>End of input: flushes every operator (offline semantics) and commits a final checkpoint.</summary>
    public CheckpointInfo Complete(InputPosition position)
    {
        Session.Complete();
        return Commit(position, completed: true);
    }

    /// <summary>
    /// Starts a batch whose input goes on later (a scheduled run): the assets its records belong to
    /// are noted, for <see cref="CompleteBatch"/>.
    /// </summary>
    public void BeginBatch() => Session.AssetsRead = new HashSet<int>();

    /// <summary>
    /// End of a batch begun with <see cref="BeginBatch"/>: flushes the assets it read records of, as
    /// at the end of input, but commits the state as it was before the flush, with the flush's
    /// output. The windows and days still open thus have a result after every batch that adds to
    /// them, and the next batch, which resumes them, emits them again with what it adds: their last
    /// result is that of one run over all the batches' records. An asset the batch read nothing of
    /// has the result an earlier batch gave it, and is not emitted again.
    /// </summary>
    public CheckpointInfo CompleteBatch(InputPosition position)
    {
        ISet<int> read = Session.AssetsRead ?? throw new InvalidOperationException("No batch was begun.");
        return Commit(position, completed: false, beforeOutput: () => Session.Complete(read.Contains));
    }

    /// <summary>Checkpoints and releases the run's memory and files; state and position stay in the directory.</summary>
    public CheckpointInfo Pause(InputPosition position)
    {
        CheckpointInfo info = Checkpoint(position);
        Release();
        return info;
    }

    /// <summary>Continues a paused job from its last checkpoint, in a fresh instance.</summary>
    public void Resume()
    {
        if (!IsPaused)
        {
            return;
        }

        Open();
    }

    /// <summary>Discards the state and the position: the job starts over, empty, from the start of its input.</summary>
    public void Stop()
    {
        Release();
        _directory.Clear();
        _committed = null;
        LastCheckpoint = null;
        Open();
    }

    public void Dispose()
    {
        try
        {
            Release();
        }
        finally
        {
            // Even when closing the run failed: the directory lock must not outlive the host.
            _directory.Dispose();
        }
    }

    /// <param name="beforeOutput">
    /// Run after the state is taken and before the output is: what it changes of the state is not
    /// committed, what it writes is.
    /// </param>
    private CheckpointInfo Commit(InputPosition position, bool completed, Action? beforeOutput = null)
    {
        ArgumentNullException.ThrowIfNull(position);
        JobSession session = Session;
        FasterStateStore store = _store ?? throw new InvalidOperationException("The job is paused; resume it first.");
        ICommittableSink sink = _sink ?? throw new InvalidOperationException("The job is paused; resume it first.");
        var clock = Stopwatch.StartNew();
        _checkpointRequested = false;

        // Output first: the checkpoint must never claim output that is not on disk. A flush whose
        // state is not kept comes after the state is taken, so its output comes after it too.
        OutputPosition? outputBeforeState = beforeOutput is null ? sink.Commit() : null;
        _directory.BeginCommit(_nextSequence);
        Guid token = store.Checkpoint();
        IReadOnlyList<string> storeFiles = FasterStateStore.CheckpointFiles(store.Location, token);
        IReadOnlyList<LogSegment> logFiles = store.CheckpointLogFiles();
        foreach (string file in storeFiles.Concat(logFiles.Select(f => f.Path)))
        {
            DurableFiles.Sync(file);
        }

        foreach (string folder in FasterStateStore.CheckpointDirectories(store.Location, token))
        {
            DurableFiles.SyncDirectory(folder);
            DurableFiles.SyncDirectory(Path.GetDirectoryName(folder) ?? folder);
        }

        DurableFiles.SyncDirectory(store.Location);
        long sequence = _nextSequence++;
        byte[] runtime = RuntimeSnapshot.Write(session, store);
        OutputPosition output = outputBeforeState ?? WriteThenCommit();

        var manifest = new CheckpointManifest(
            CheckpointManifest.CurrentFormat,
            sequence,
            DateTimeOffset.UtcNow,
            _job.Manifest.Name,
            _job.Manifest.Version,
            _job.Manifest.Operators,
            token,
            [.. storeFiles.Select(f => _directory.Describe(f, hash: true))],
            [.. logFiles.Select(f => _directory.Describe(f))],
            new CheckpointFile(_directory.RelativeRuntimePath(sequence), runtime.Length, DurableFiles.Sha256(runtime)),
            position,
            output,
            session.Counters.ToDictionary(),
            completed);
        CheckpointManifest? previous = _committed;
        long bytes = _directory.Commit(manifest, runtime, previous);
        bytes += manifest.StoreFiles.Sum(f => f.Length);
        _committed = manifest;
        Position = position;
        IsCompleted = completed;
        LastCheckpoint = new CheckpointInfo(sequence, position, output, completed, clock.Elapsed, bytes);

        // The two kept checkpoints are this one and the previous: log files below what both need
        // can go. The checkpoint is committed either way; what a failed delete leaves, the next
        // commit's release deletes with the rest.
        try
        {
            store.ReleaseLog(manifest.LogFiles.Concat(previous?.LogFiles ?? []).Select(f => f.Path));
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return LastCheckpoint;

        OutputPosition WriteThenCommit()
        {
            beforeOutput!();
            return sink.Commit();
        }
    }

    private void Open()
    {
        IReadOnlyList<long> candidates = _directory.Candidates(out string? pointerProblem);
        if (pointerProblem is not null)
        {
            _warnings.Add($"warning {RuntimeErrors.CheckpointFallback.Code}: {pointerProblem}; looking for the newest intact checkpoint instead.");
        }

        var failures = new List<string>();
        long? firstFailed = null;
        foreach (long sequence in candidates)
        {
            CheckpointManifest manifest;
            try
            {
                manifest = _directory.Verify(sequence);
            }
            catch (Exception e) when ((e is InvalidDataException or IOException) && FileSystemRefusal.Find(e) is null)
            {
                failures.Add($"checkpoint {sequence}: {e.Message}");
                firstFailed ??= sequence;
                continue;
            }

            CheckIdentity(manifest);
            try
            {
                Restore(manifest);
            }
            catch (Exception e) when (e is not StateException)
            {
                Release();

                // A file the system will not let the run read or write (no permission, say) says
                // nothing of the checkpoint: calling it damaged would have intact state deleted.
                if (FileSystemRefusal.Find(e) is { } refusal)
                {
                    ExceptionDispatchInfo.Throw(refusal);
                }

                failures.Add($"checkpoint {sequence}: {e.Message}");
                firstFailed ??= sequence;
                continue;
            }

            if (firstFailed is long failed)
            {
                _warnings.Add($"warning {RuntimeErrors.CheckpointFallback.Code}: {RuntimeErrors.CheckpointFallback.Format(_directory.FolderOf(failed), string.Join("; ", failures), sequence)}");
            }

            return;
        }

        if (candidates.Count > 0)
        {
            throw new StateException(RuntimeErrors.StateDamaged, _directory.Root, string.Join("; ", failures));
        }

        // Never start over silently: a store whose checkpoints are gone holds state a run committed.
        if (_directory.OrphanedStore(pointerProblem) is { } missing)
        {
            throw new StateException(RuntimeErrors.StateDamaged, _directory.Root, missing);
        }

        StartEmpty();
    }

    private void CheckIdentity(CheckpointManifest manifest)
    {
        if (manifest.JobName != _job.Manifest.Name)
        {
            throw new StateException(RuntimeErrors.ForeignJobState, _directory.Root, manifest.JobName, _job.Manifest.Name);
        }

        StateCompatibility compatibility = StateCompatibility.Compare(manifest.Operators, _job.Manifest.Operators);
        if (!compatibility.IsCompatible)
        {
            throw new StateException(RuntimeErrors.IncompatibleState, _directory.Root, manifest.JobVersion, _job.Manifest.Version, compatibility.DescribeChanged());
        }
    }

    private void Restore(CheckpointManifest manifest)
    {
        byte[] runtime = _directory.ReadRuntime(manifest);
        using BinaryReader reader = RuntimeSnapshot.Open(runtime);
        _store = FasterStateStore.Recover(_directory.StorePath, _options.Store, manifest.StoreToken, reader);
        CreateSession(_store);
        RuntimeSnapshot.Restore(reader, Session);
        Session.Counters.Restore(manifest.Counters);
        (_sink ?? throw new InvalidOperationException("The sink was not created.")).Rewind(manifest.Output);
        _committed = manifest;
        _nextSequence = _directory.NextSequence();
        Position = manifest.Input;
        IsCompleted = manifest.Completed;
        Resumed = true;
        LastCheckpoint = new CheckpointInfo(manifest.Sequence, manifest.Input, manifest.Output, manifest.Completed, TimeSpan.Zero, 0);
    }

    private void StartEmpty()
    {
        _store = FasterStateStore.Create(_directory.StorePath, _options.Store);
        CreateSession(_store);
        (_sink ?? throw new InvalidOperationException("The sink was not created.")).Rewind(OutputPosition.Start);
        _nextSequence = _directory.NextSequence();
        Position = InputPosition.Start;
        IsCompleted = false;
        Resumed = false;
    }

    private void CreateSession(FasterStateStore store)
    {
        JobSessionOptions options = (_options.Session ?? new JobSessionOptions()) with { Store = store };
        _session = new JobSession(_job, (manifest, points, assets) => _sink = _createSink(manifest, points, assets), options);
    }

    private void Release()
    {
        ICommittableSink? sink = _sink;
        FasterStateStore? store = _store;
        _sink = null;
        _session = null;
        _store = null;
        try
        {
            (sink as IDisposable)?.Dispose();
        }
        finally
        {
            store?.Dispose();
        }
    }
}
