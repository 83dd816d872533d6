using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Channels;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.State;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Jobs;

/// <summary>Starting and ending a job's worker: capacity, threads, and what a failure leaves.</summary>
public sealed partial class JobRegistry
{
    private void CheckCapacity(IReadOnlyList<DaemonJob> starting)
    {
        ResourceConfig resources = Resources();
        if (resources.Problem is { } problem && starting.Count > 0)
        {
            // Budgets the operator wrote wrongly would silently be the defaults: refused, as a
            // wrong assets.json is, before any job changes.
            string names = (starting.Count == 1 ? "job " : "jobs ") + string.Join(", ", starting.Select(j => $"'{j.Record.Name}'"));
            _log.LogError("{Jobs} not started: {Reason}", names, problem);
            throw new RpcException(StatusCode.FailedPrecondition, $"{names} cannot start: {problem}");
        }

        var running = Snapshot().Where(j => j.Worker is not null).ToList();
        long needed = starting.Sum(j => resources.MemoryOf(j.Record.Name));
        long free = resources.CapacityBytes - running.Sum(j => resources.MemoryOf(j.Record.Name));
        if (needed > free)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"starting {starting.Count} job(s) needs {needed >> 20} MiB of state memory; {Math.Max(0, free) >> 20} MiB of {resources.CapacityBytes >> 20} MiB are free ({running.Count} job(s) running)");
        }

        int workersNeeded = starting.Sum(j => resources.WorkersOf(j.Record.Name));
        int workersFree = resources.WorkerCapacity - running.Sum(j => resources.WorkersOf(j.Record.Name));
        if (workersNeeded > workersFree)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"starting {starting.Count} job(s) needs {workersNeeded} worker thread(s); {Math.Max(0, workersFree)} of {resources.WorkerCapacity} are free ({running.Count} job(s) running)");
        }
    }

    /// <summary>
    /// Keeps the thread pool's minimum above the worker threads of the running jobs plus the one
    /// starting. A job's loop holds a pool thread while it has records to read; without spare
    /// threads ingest and control calls wait for the pool's slow thread injection (measured on
    /// 2 cores: HTTP ingest fell from ~1.8M to ~0.26M records/s while one job read the channel).
    /// The minimum is only raised, never lowered: idle pool threads cost little.
    /// </summary>
    private void ReserveThreads(DaemonJob starting)
    {
        ResourceConfig resources = Resources();
        int reserved = resources.WorkersOf(starting.Record.Name) + Snapshot().Where(j => j.Worker is not null && j != starting).Sum(j => resources.WorkersOf(j.Record.Name));
        ThreadPool.GetMinThreads(out int workers, out int io);
        if (workers < Environment.ProcessorCount + reserved)
        {
            ThreadPool.SetMinThreads(Environment.ProcessorCount + reserved, io);
        }
    }

    /// <summary>
    /// The asset master data of <c>DATA/assets.json</c> for a job, none without the file. Read at each
    /// start of a worker (start, resume, upgrade, the daemon's start), each scheduled run and each
    /// preview, so that a running job keeps the slots, zones and values it started with until then.
    /// </summary>
    /// <exception cref="AssetMasterDataException">The file cannot be read, or does not suit the job.</exception>
    internal IReadOnlyList<AssetMasterData>? MasterData(JobManifest manifest)
    {
        IReadOnlyList<AssetMasterData>? assets = AssetMasterDataFile.ReadIfPresent(_paths.Assets);
        if (assets is not null)
        {
            AssetMasterDataFile.Check(manifest, assets, _paths.Assets);
        }

        return assets;
    }

    /// <summary>
    /// Refuses a start that the asset master data would fail, before any job changes: a paused job
    /// stays paused with its state, to resume once the file is fixed, where a failed one could only
    /// start again from empty state.
    /// </summary>
    private void CheckMasterData(IReadOnlyList<DaemonJob> starting)
    {
        foreach (DaemonJob job in starting)
        {
            try
            {
                MasterData(job.Online.Manifest);
            }
            catch (AssetMasterDataException e)
            {
                _log.LogError("job {Job} not started: {Reason}", job.Record.Name, e.Message);
                throw new RpcException(StatusCode.FailedPrecondition, $"job '{job.Record.Name}' cannot start: {e.Message}");
            }
        }
    }

    private ResourceConfig Resources() => ResourceConfig.Load(Path.Combine(_paths.Root, Control.Security.TokenStore.ConfigFileName), _options);

    private async Task ApplyAsync(DaemonJob job, JobStatus target)
    {
        switch (target)
        {
            case JobStatus.Running:
                try
                {
                    StartWorker(job, fresh: job.Record.Status is not (JobStatus.Paused or JobStatus.Failed));
                }
                catch (StateException e)
                {
                    Fail(job, FailureReason(job, e));
                    return;
                }
                catch (AssetMasterDataException e)
                {
                    // Changed since CheckMasterData read it.
                    Fail(job, FailureReason(job, e));
                    return;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    // A state folder that cannot be made or opened (a file in its place, no permission)
                    // fails the job with the reason, as it does when the daemon restarts the job.
                    Fail(job, FailureReason(job, e));
                    return;
                }

                SetStatus(job, JobStatus.Running, string.Empty);
                break;
            case JobStatus.Paused:
                await EndWorkerAsync(job, clearState: false).ConfigureAwait(false);
                SetStatus(job, JobStatus.Paused, string.Empty);
                break;
            default:
                await EndWorkerAsync(job, clearState: true).ConfigureAwait(false);
                ClearState(job.Record);

                // A job failed for a version that does not compile is cleared: the stop is what it
                // stays in once one compiles, and the reason keeps saying why it cannot start.
                job.Record.StatusBeforeBuildFailure = null;
                SetStatus(job, JobStatus.Stopped, job.BuildFailure ?? string.Empty);
                break;
        }
    }

    private void StartWorker(DaemonJob job, bool fresh)
    {
        Releases.CompiledVersion version = job.Online;
        ChannelLog channel = _channels.Of(version.Manifest.Channel);
        if (fresh)
        {
            ClearState(job.Record);

            // A new run's log begins empty, as its counters begin at zero.
            job.Errors.Replace([], 0);
            job.Record.Run++;
            job.Record.StartAddress = channel.CommittedTail;
        }

        // After a fresh start's bookkeeping, so that a start that fails here (asset data that does
        // not read) leaves a failed job whose next start, which resumes a failed job, begins the new
        // run rather than the state the fresh start meant to drop. A start asked for has had the
        // file checked already (CheckMasterData), and is refused before anything changes. Before
        // arming, so that an armed job's start fails rather than its first run only.
        IReadOnlyList<AssetMasterData>? assets = MasterData(version.Manifest);

        if (job.IsScheduled)
        {
            // A scheduled job is armed rather than running continuously: runs happen at its times.
            job.Record.Armed = DateTimeOffset.UtcNow;
            return;
        }

        ReserveThreads(job);
        var files = new OutputFiles(_paths.OutputFolder(channel.Name, job.Record.Name), job.Record.Run, _options.OutputFileBytes);
        try
        {
            job.Worker = JobWorker.Start(
                version.Job,
                _paths.StateFolder(job.Record.Name),
                new StateStoreOptions(Resources().MemoryOf(job.Record.Name)),
                job.Errors,
                (manifest, points, assets) => new JobOutputSink(files, channel, Outputs, manifest, points, assets),
                channel,
                job.Record.StartAddress,
                _options.CheckpointInterval,
                e => _ = FailAsync(job, e),
                figures => Checkpointed(job, figures),
                job.Record.LastCheckpoint,
                DerivedElsewhere(job, channel),
                assets);
            job.Opened(job.Worker.OpenedCounters, job.Worker.OpenedAt);
            LogStateWarnings(job, job.Worker.Warnings);
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A damaged checkpoint the state was resumed past is worth an operator's look (the disk may be
    /// failing), though the job runs on exactly: each warning goes to the daemon's log.
    /// </summary>
    private void LogStateWarnings(DaemonJob job, IEnumerable<string> warnings)
    {
        foreach (string warning in warnings)
        {
            _log.LogWarning("job {Job}: {Warning}", job.Record.Name, warning);
        }
    }

    /// <summary>
    /// Keeps the figures of a checkpoint the job's worker committed and rewrites <c>jobs.json</c>
    /// with them. On the worker's thread: when a lifecycle change holds the lock, it writes the file
    /// itself when it ends, and a later checkpoint (an idle worker confirms its latest one every
    /// interval) writes what is left unwritten.
    /// </summary>
    private void Checkpointed(DaemonJob job, CheckpointFigures figures)
    {
        job.Record.LastCheckpoint = figures;
        if (figures.CompletedAt == job.SavedCheckpoint || !_lifecycle.Wait(0))
        {
            return;
        }

        try
        {
            Save();
            job.SavedCheckpoint = figures.CompletedAt;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning("job {Job}: {File} cannot be written ({Message})", job.Record.Name, _paths.JobsFile, e.Message);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// The points the other jobs of the channel derive: their outputs reach this job through the
    /// channel, corrections included, so it reads them as chained points. Taken when the worker
    /// starts; a job released later that derives one of them is seen at this job's next start.
    /// </summary>
    private HashSet<(string ModelId, string PointId)> DerivedElsewhere(DaemonJob job, ChannelLog channel)
    {
        var derived = new HashSet<(string ModelId, string PointId)>();
        lock (_jobs)
        {
            foreach (DaemonJob other in _jobs.Values)
            {
                if (other != job && other.Version is { } version && _channels.Of(version.Manifest.Channel) == channel)
                {
                    derived.UnionWith(version.Manifest.Points.Where(p => p.IsOutput).Select(p => (p.ModelId, p.PointId)));
                }
            }
        }

        return derived;
    }

    private async Task EndWorkerAsync(DaemonJob job, bool clearState)
    {
        if (job.Batch is { } batch)
        {
            if (clearState)
            {
                // A stop throws away the state the run would commit: no reason to wait for its end
                // (all of the backlog, maybe), holding every other job's lifecycle change meanwhile.
                job.CancelBatch();
            }

            await batch.ConfigureAwait(false);
            job.BatchEnded();
        }

        if (job.Worker is { } worker)
        {
            try
            {
                await worker.StopAsync().ConfigureAwait(false);
            }
            finally
            {
                // Whatever the end, the worker is gone: its host is closed, so the job must not keep
                // it as running (later calls would find a closed host). Its counters stay readable
                // and, read after the loop ended, count every record it processed.
                job.LastCounters = worker.Counters.ToDictionary();
                job.Worker = null;
            }
        }
    }

    private async Task FailAsync(DaemonJob job, Exception error)
    {
        _log.LogError(error, "job {Job} failed", job.Record.Name);

        // On the loop's thread, before the loop ends: a stop that waits for it deletes the file after.
        string reason = FailureReason(job, error);
        LogFailure(job, "job_failed", reason);
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (job.Worker?.Failure is not null)
            {
                job.LastCounters = job.Worker.Counters.ToDictionary();
                job.Worker = null;
                SetStatus(job, JobStatus.Failed, reason);
                Save();
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Marks the job failed with the reason and logs the failure in its error log.</summary>
    private void Fail(DaemonJob job, string reason)
    {
        _log.LogError("job {Job} failed: {Reason}", job.Record.Name, reason);
        SetStatus(job, JobStatus.Failed, reason);
        LogFailure(job, "job_failed", reason);
    }

    /// <summary>
    /// Adds a failure (<c>job_failed</c>, <c>run_failed</c>) to the job's error log and writes the log's
    /// file at once: no checkpoint of the failed worker or run follows to write it.
    /// </summary>
    private void LogFailure(DaemonJob job, string reason, string detail)
    {
        job.Errors.Add(reason, detail);
        string path = _paths.ErrorLog(job.Record.Name);
        try
        {
            new ErrorLogFile(path).Save(job.Errors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning("job {Job}: its error log {File} cannot be written ({Message})", job.Record.Name, path, e.Message);
        }
    }
}
