using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Api;
using Dsl.Daemon.Channels;
using Dsl.Daemon.Releases;
using Dsl.Daemon.Schedules;
using Dsl.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// Every job of the daemon and its lifecycle (released → running ⇄ paused, running/paused →
/// stopped, any → failed). Lifecycle changes are serialized by one async lock; each change is
/// written to <c>DATA/jobs.json</c> before the call answers, so a restart brings every job back
/// in its status. It is also the release seam (<see cref="IReleaseTarget"/>).
/// </summary>
public sealed partial class JobRegistry : IReleaseTarget
{
    private readonly DaemonOptions _options;
    private readonly DataPaths _paths;
    private readonly ChannelSet _channels;
    private readonly JobBuilder _builder;
    private readonly EditingLocks _locks;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly Dictionary<string, DaemonJob> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JobRecord> _remembered;
    private readonly Lock _saving = new();
    private readonly List<(DateTimeOffset Time, string File)> _arrivals = [];

    // Whether the jobs running before the start were resumed: one deployed later resumes as it deploys.
    private bool _restored;

    /// <summary>Creates the registry; jobs come through <see cref="Deploy"/>.</summary>
    public JobRegistry(DaemonOptions options, DataPaths paths, ChannelSet channels, JobBuilder builder, ILogger log)
    {
        _options = options;
        _paths = paths;
        _channels = channels;
        _builder = builder;
        _locks = new EditingLocks(paths.Repository);
        _log = log;
        _remembered = JobRecordFile.Load(paths.JobsFile);
        DeleteLeftStateFolders(paths);
        JobRecordFile.CheckKnowsEvery(paths, _remembered);
        Outputs = new OutputHub(options.WatchBacklogBytes);
    }

    /// <summary>Status changes, for <c>Jobs.Watch</c>.</summary>
    public StatusHub Changes { get; } = new();

    /// <summary>Committed outputs, for <c>Outputs.WatchOutputs</c>.</summary>
    public OutputHub Outputs { get; }

    /// <inheritdoc />
    public DeployResult Check(string jobName, IReadOnlyDictionary<string, string> files, string commit)
    {
        BuildResult build = _builder.Build($"jobs/{jobName}.stream", files, commit, unloadable: true);
        build.Job?.Loaded.Dispose();
        return new DeployResult(build.Job is not null, false, build.Message, build.Diagnostics);
    }

    /// <inheritdoc />
    public DeployResult Deploy(string jobName, IReadOnlyDictionary<string, string> files, string commit, uint? tagged = null)
    {
        BuildResult build = _builder.Build($"jobs/{jobName}.stream", files, commit, unloadable: false);
        if (build.Job is not { } version)
        {
            _log.LogWarning("release {Commit}: job {Job} does not compile: {Message}", commit, jobName, build.Message);
            _lifecycle.Wait();
            try
            {
                KeepUnbuilt(jobName, build, commit, tagged);
            }
            finally
            {
                _lifecycle.Release();
            }

            return new DeployResult(false, false, build.Message, build.Diagnostics);
        }

        _lifecycle.Wait();
        try
        {
            return DeployLocked(jobName, version, commit, tagged, build.Diagnostics).GetAwaiter().GetResult();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Retire(IReadOnlyCollection<string> released, string commit)
    {
        var retired = new List<string>();
        _lifecycle.Wait();
        try
        {
            foreach (DaemonJob job in Snapshot().Where(j => !released.Contains(j.Record.Name)))
            {
                EndWorkerAsync(job, clearState: true).GetAwaiter().GetResult();
                ClearState(job.Record);
                job.Record.Removed = true;
                job.Record.StatusBeforeBuildFailure = null;
                SetStatus(job, JobStatus.Stopped, $"removed from the release ({commit})");
                lock (_jobs)
                {
                    _jobs.Remove(job.Record.Name);

                    // Remembered, so that the job keeps its version count if it is released again;
                    // under the lock, as NotLoaded reads the records from another thread.
                    _remembered[job.Record.Name] = job.Record;
                }
                job.Version?.Loaded.Dispose();
                retired.Add(job.Record.Name);
            }

            // Jobs of jobs.json that the release no longer has (removed while the daemon was down).
            foreach (JobRecord record in _remembered.Values.Where(r => !released.Contains(r.Name) && !r.Removed))
            {
                ClearState(record);
                record.Removed = true;
                record.StatusBeforeBuildFailure = null;
                record.Status = JobStatus.Stopped;
                record.Reason = $"removed from the release ({commit})";
                record.Since = DateTimeOffset.UtcNow;
                retired.Add(record.Name);
            }

            if (retired.Count > 0)
            {
                Save();
            }
        }
        finally
        {
            _lifecycle.Release();
        }

        return retired;
    }

    /// <inheritdoc />
    public JobSummary? Status(string jobName)
    {
        lock (_jobs)
        {
            return _jobs.TryGetValue(jobName, out DaemonJob? job) ? Summary(job) : null;
        }
    }

    /// <summary>Each job's status, as its alarms see it, as <c>jobs.json</c> had it when the daemon last stopped.</summary>
    public IReadOnlyDictionary<string, JobStatus> StatusBeforeStart() =>
        _remembered.ToDictionary(pair => pair.Key, pair => pair.Value.AlarmStatus(scheduled: pair.Value.Armed is not null), StringComparer.Ordinal);

    /// <summary>Brings jobs back in the status they had before the daemon stopped (after the first deploy of the release).</summary>
    public async Task RestoreAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (DaemonJob job in Snapshot().Where(j => j.Record.Status == JobStatus.Running && !j.IsScheduled))
            {
                Resume(job);
            }

            RecordCrashedRuns();

            Save();
            _restored = true;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts the worker of a job that was running before the daemon stopped, from its checkpoint; fails the job when it cannot.</summary>
    private void Resume(DaemonJob job)
    {
        try
        {
            StartWorker(job, fresh: false);
        }
        catch (StateException e)
        {
            // Also a release deployed at this start (pushed while the daemon was down, or
            // compiled by a new daemon) that cannot keep the state: the operator decides.
            Fail(job, FailureReason(job, e));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Runtime.Assets.AssetMasterDataException)
        {
            Fail(job, FailureReason(job, e));
        }
    }

    /// <summary>Starts jobs: all are checked first, then all change.</summary>
    /// <remarks>
    /// A failed job resumes from its last checkpoint, as it would at a restart of the daemon: what
    /// failed it (asset master data that did not read, a folder that could not be opened, a full
    /// disk) may be mended since, and its state is intact. If it is not, the job fails again with
    /// the reason, and a stop clears it. One whose version does not compile is refused below.
    /// </remarks>
    public Task<JobTransitionsResponse> StartAsync(IReadOnlyList<string> names, CancellationToken cancellation = default) => TransitionAsync(names, JobStatus.Running, cancellation, (job, from) =>
        from is JobStatus.Released or JobStatus.Paused or JobStatus.Stopped or JobStatus.Running or JobStatus.Failed
            ? null
            : $"job '{job}' is {Name(from)}; only released, paused, stopped or failed jobs start");

    /// <summary>Pauses running jobs.</summary>
    public Task<JobTransitionsResponse> PauseAsync(IReadOnlyList<string> names, CancellationToken cancellation = default) => TransitionAsync(names, JobStatus.Paused, cancellation, (job, from) =>
        from is JobStatus.Running or JobStatus.Paused ? null : $"job '{job}' is {Name(from)}; only a running job can pause");

    /// <summary>Stops running or paused jobs (and failed ones, to clear them).</summary>
    public Task<JobTransitionsResponse> StopAsync(IReadOnlyList<string> names, CancellationToken cancellation = default) => TransitionAsync(names, JobStatus.Stopped, cancellation, (job, from) =>
        from is JobStatus.Running or JobStatus.Paused or JobStatus.Stopped or JobStatus.Failed ? null : $"job '{job}' is {Name(from)}; only a running, paused or failed job can stop");

    /// <summary>Checkpoints every running job and ends its worker; statuses stay as they are (a restart resumes them).</summary>
    public async Task ShutdownAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (DaemonJob job in Snapshot())
            {
                try
                {
                    await EndWorkerAsync(job, clearState: false).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // One job's trouble must not keep the others from their checkpoints, nor jobs.json from being written.
                    _log.LogError(e, "job {Job}: its worker did not end cleanly at shutdown", job.Record.Name);
                }
            }

            Save();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Turns pauses older than the maximum into stops.</summary>
    public async Task ExpirePausesAsync()
    {
        DateTimeOffset limit = DateTimeOffset.UtcNow - _options.MaxPause;
        string[] expired = [.. Snapshot().Where(j => j.Record.Status == JobStatus.Paused && j.Record.Since < limit).Select(j => j.Record.Name)];
        if (expired.Length == 0)
        {
            return;
        }

        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (DaemonJob job in Snapshot().Where(j => expired.Contains(j.Record.Name) && j.Record.Status == JobStatus.Paused))
            {
                ClearState(job.Record);
                SetStatus(job, JobStatus.Stopped, $"paused longer than the maximum pause of {OptionHours.Format(_options.MaxPause)} (dsl serve --max-pause-hours)");
            }

            Save();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// What the alarm evaluator needs of every job with a version, and of every job of the
    /// release whose version did not load at this start: its rules are not known, but for the
    /// status conditions of a version that does not compile. A job without alarm rules is read
    /// too: that round drops the periods its previous version counted over, so a later version
    /// that counts over one again starts it at its deployment (<see cref="DaemonJob.Deployed"/>
    /// covers only a period the history lacks) instead of counting what the job read meanwhile.
    /// </summary>
    public IReadOnlyList<Alarms.AlarmSubject> AlarmSubjects()
    {
        IReadOnlyList<DaemonJob> jobs = Snapshot();
        return
        [
            .. jobs.Where(j => j.Version is not null).Select(j => new Alarms.AlarmSubject(
                j.Record.Name,
                j.Record.AlarmStatus(j.IsScheduled),
                j.Worker?.Counters.ToDictionary() ?? j.LastCounters ?? new Dictionary<string, long>(),
                j.Worker?.LastCheckpointAt,
                j.Online.Alarms,
                j.Worker?.Lag(DateTimeOffset.UtcNow),
                j.CountOrigin,
                CountsAtDeployment: j.Deployed is { } deployed && deployed.Run == j.Record.Run ? deployed.Counts : null)),
            .. jobs.Where(j => j.Version is null).Select(j => Unbuilt(j.Record, j.StatusAlarms)),
            .. NotLoaded().Select(r => Unbuilt(r, [])),
        ];

        static Alarms.AlarmSubject Unbuilt(JobRecord record, IReadOnlyList<Compiler.Binding.BoundAlarmRule> statusAlarms) =>
            new(record.Name, record.Status, new Dictionary<string, long>(), null, statusAlarms, RulesKnown: false);
    }

    /// <summary>
    /// The lowest channel address a running or paused job still needs, per channel (retention),
    /// and a failed one within the maximum pause since it failed: a start resumes it from its
    /// checkpoint once what failed it is mended. Later, as a pause that long is stopped, it no
    /// longer holds the channel, and a start finds the entries gone (DSL5005) instead of skipping them.
    /// </summary>
    public long OldestNeeded(ChannelLog channel)
    {
        DateTimeOffset failedSince = DateTimeOffset.UtcNow - _options.MaxPause;
        long oldest = channel.CommittedTail;
        foreach (DaemonJob job in Snapshot())
        {
            if (job.Version is null)
            {
                // Its channel is not known: whatever its checkpoint read is kept, within the maximum
                // pause, for the version that mends it to resume from (or a stop to clear).
                if (job.Record.StatusBeforeBuildFailure is JobStatus.Running or JobStatus.Paused)
                {
                    oldest = Math.Min(oldest, 0);
                }

                continue;
            }

            if (_channels.Of(job.Version.Manifest.Channel) != channel)
            {
                continue;
            }

            if (job.Worker is { } worker)
            {
                oldest = Math.Min(oldest, worker.LastCheckpoint?.Input.Offset ?? job.Record.StartAddress);
            }
            else if (job.Record.Status == JobStatus.Paused || (job.Record.Status == JobStatus.Failed && job.Record.Since >= failedSince)
                || (job.Record.Status == JobStatus.Running && !job.IsScheduled))
            {
                // The last: between two workers, as during an upgrade.
                oldest = Math.Min(oldest, job.Record.StartAddress);
            }
            else if (job.IsScheduled && job.Record.Status == JobStatus.Running)
            {
                // Armed: its next run reads from where the last one stopped.
                oldest = Math.Min(oldest, job.Record.BatchPosition ?? job.Record.StartAddress);
            }
        }

        return oldest;
    }

    /// <summary>Summaries, ordered by name, optionally of some statuses.</summary>
    public IReadOnlyList<JobSummary> List(IEnumerable<JobStatus> statuses)
    {
        var filter = statuses.ToHashSet();
        return [.. Snapshot().Select(Summary).Where(s => filter.Count == 0 || filter.Contains(s.Status))];
    }

    /// <summary>Answers NOT_FOUND (an <see cref="RpcException"/>) for the first name no job has.</summary>
    public void RequireKnown(IReadOnlyList<string> names) => _ = Find(names);

    /// <summary>Summaries of the named jobs (all when empty); NOT_FOUND for an unknown one.</summary>
    public IReadOnlyList<JobSummary> Statuses(IReadOnlyList<string> names) => [.. Reported(names).Select(Summary)];

    /// <summary>Details of one job; with its alarms' states as <paramref name="alarms"/> last found them.</summary>
    public JobDetails Get(string name, Alarms.AlarmEvaluator? alarms = null)
    {
        DaemonJob job = Find([name])[0];
        var details = new JobDetails
        {
            Summary = Summary(job),
            ReleasedAt = Conversions.ToProto(job.Record.ReleasedAt),
            Commit = job.Record.Commit,
            Lock = _locks.Of(name),
        };
        if (job.Version is null)
        {
            // Its released version does not compile: the summary says so, and of its alarms only
            // those its status decides are judged.
            if (alarms is not null)
            {
                details.Alarms.AddRange(alarms.Report(name, job.StatusAlarms));
            }

            return details;
        }

        var manifest = job.Version.Manifest;
        details.StateFingerprint = string.Join(",", manifest.Operators.Select(o => o.Fingerprint));
        details.Inputs.AddRange(manifest.Points.Where(p => p.IsInput).Select(p => $"{p.ModelId}.{p.PointId}"));
        details.Outputs.AddRange(manifest.Points.Where(p => p.IsOutput).Select(p => $"{p.ModelId}.{p.PointId}"));
        if (alarms is not null)
        {
            details.Alarms.AddRange(alarms.Report(name, job.Version.Alarms));
        }

        if (job.Version.Schedule is { } schedule)
        {
            details.Schedule = new ScheduleInfo { Expression = ScheduleClock.Describe(schedule) };
            ScheduledRun? last = job.Record.Runs.LastOrDefault();
            if (job.Record.Status == JobStatus.Running && job.Record.Armed is not null && NextRun(job.Record, schedule, DateTimeOffset.UtcNow) is { } next)
            {
                details.Schedule.NextRun = Conversions.ToProto(next);
            }

            if (last is not null)
            {
                details.Schedule.LastRun = Conversions.ToProto(last.Started);
                details.Schedule.LastRunStatus = last.Status;
            }
        }

        return details;
    }

    /// <summary>The online version of a job, for previews.</summary>
    public Releases.CompiledVersion Online(string name)
    {
        DaemonJob job = Find([name])[0];
        return job.Version ?? throw new RpcException(StatusCode.FailedPrecondition, $"job '{name}' has no online version: {job.BuildFailure}");
    }

    /// <summary>A job's error log.</summary>
    public LogsResponse Logs(LogsRequest request)
    {
        DaemonJob job = Find([request.Name])[0];
        var response = new LogsResponse { Dropped = (ulong)job.Errors.Dropped };
        response.Entries.AddRange(job.Errors.Entries(Since(request.Since), (int)Math.Min(request.Limit, int.MaxValue), out int left));
        response.NotReturned = (ulong)left;
        return response;
    }

    /// <summary>A request's time, or INVALID_ARGUMENT for one a timestamp cannot hold (negative nanos, year 10000).</summary>
    private static DateTimeOffset? Since(Google.Protobuf.WellKnownTypes.Timestamp? since)
    {
        if (since is null)
        {
            return null;
        }

        try
        {
            return since.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            // Not the library's message: it leaves its placeholders unfilled ("Seconds={Seconds}").
            throw new RpcException(StatusCode.InvalidArgument, string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"since is not a valid time: seconds {since.Seconds}, nanos {since.Nanos}; a Timestamp holds 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z with nanos from 0 to 999999999"));
        }
    }

    /// <summary>Monitoring figures of the named jobs (all when empty).</summary>
    public IReadOnlyList<JobMetrics> Metrics(IReadOnlyList<string> names) => [.. Reported(names).Select(JobMetricsBuilder.Build)];

    /// <summary>
    /// The named jobs (all when empty) as Status and Metrics report them: one entry per job, ordered
    /// by name, whatever order or repetitions the request has.
    /// </summary>
    private IReadOnlyList<DaemonJob> Reported(IReadOnlyList<string> names) =>
        [.. Find(names).Distinct().OrderBy(j => j.Record.Name, StringComparer.Ordinal)];

    /// <summary>
    /// A pause keeps the work of a scheduled run in progress, so it waits for the run to end; it
    /// waits without the lifecycle lock, which it holds on return, so that the other jobs' changes
    /// and schedules go on meanwhile. The jobs start no new run meanwhile (see
    /// <see cref="DaemonJob.PausesWaiting"/>), so it waits for one run at most.
    /// </summary>
    private async Task WaitForRunsAsync(IReadOnlyList<string> names, CancellationToken cancellation)
    {
        DaemonJob[] jobs = [.. Find(names).Distinct()];
        Task[] runs = [.. jobs.Select(j => j.Batch).OfType<Task>().Where(run => !run.IsCompleted)];
        if (runs.Length == 0)
        {
            return;
        }

        Array.ForEach(jobs, job => job.PausesWaiting++);
        _lifecycle.Release();
        try
        {
            // A run records its own failure: here only its end matters.
            await Task.WhenAll(runs).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            // Taken back even when the call ended meanwhile: the caller releases it.
            await _lifecycle.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            Array.ForEach(jobs, job => job.PausesWaiting--);
        }
    }

    /// <remarks>
    /// A call that ends (its deadline, a cancel, the daemon's shutdown) while it waits for its turn
    /// or for a run changes nothing. Once its changes begin they are all made, as a status is never
    /// changed halfway: the caller of a call that ended then reads the statuses to know.
    /// </remarks>
    private async Task<JobTransitionsResponse> TransitionAsync(IReadOnlyList<string> names, JobStatus target, CancellationToken cancellation, Func<string, JobStatus, string?> refusal)
    {
        if (names.Count == 0)
        {
            throw new RpcException(StatusCode.InvalidArgument, "name at least one job");
        }

        if (names.Any(string.IsNullOrWhiteSpace))
        {
            throw new RpcException(StatusCode.InvalidArgument, "a job name is empty");
        }

        await _lifecycle.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (target == JobStatus.Paused)
            {
                await WaitForRunsAsync(names, cancellation).ConfigureAwait(false);
            }

            cancellation.ThrowIfCancellationRequested();

            // A job named twice is acted on and reported once, as Status and Metrics report it once.
            DaemonJob[] jobs = [.. Find(names).Distinct()];
            foreach (DaemonJob job in jobs)
            {
                if (refusal(job.Record.Name, job.Record.Status) is { } reason)
                {
                    throw new RpcException(StatusCode.FailedPrecondition, reason);
                }
            }

            if (target == JobStatus.Running)
            {
                // A stopped job whose released version does not compile: nothing to start.
                if (jobs.FirstOrDefault(j => j.Version is null) is { } unbuilt)
                {
                    throw new RpcException(StatusCode.FailedPrecondition, $"job '{unbuilt.Record.Name}' cannot start: {unbuilt.BuildFailure}; release a version that compiles");
                }

                CheckCapacity([.. jobs.Where(j => j.Record.Status != JobStatus.Running && !j.IsScheduled)]);
                CheckMasterData([.. jobs.Where(j => j.Record.Status != JobStatus.Running)]);
            }

            var response = new JobTransitionsResponse();
            foreach (DaemonJob job in jobs)
            {
                JobStatus previous = job.Record.Status;
                if (previous != target)
                {
                    await ApplyAsync(job, target).ConfigureAwait(false);
                }

                response.Transitions.Add(new JobTransition { Name = job.Record.Name, Previous = previous, Current = job.Record.Status });
            }

            Save();
            return response;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>State folders a daemon killed while deleting them left behind (see <see cref="DataPaths.DeletedStateFolder"/>).</summary>
    private static void DeleteLeftStateFolders(DataPaths paths)
    {
        if (!Directory.Exists(paths.State))
        {
            return;
        }

        foreach (string left in Directory.EnumerateDirectories(paths.State, DataPaths.DeletedPrefix + "*"))
        {
            Directory.Delete(left, recursive: true);
        }
    }

    private void ClearState(JobRecord record)
    {
        // jobs.json forgets the checkpoint before the folder goes: a daemon killed between the two
        // then finds a state folder its record does not count on, which it opens (and an upgrade
        // that could not keep it fails saying so), never a record of a checkpoint whose folder is
        // gone, which reads as a state deleted from outside ("damaged").
        bool recorded = record.LastCheckpoint is not null;
        record.LastCheckpoint = null;
        record.BatchPosition = null;
        if (recorded)
        {
            Save();
        }

        string folder = _paths.StateFolder(record.Name);
        if (Directory.Exists(folder))
        {
            string deleted = _paths.DeletedStateFolder(record.Name);
            Directory.Move(folder, deleted);
            Directory.Delete(deleted, recursive: true);
        }

        File.Delete(_paths.ErrorLog(record.Name));
    }

    /// <summary>
    /// Brings back the error log the job's checkpoints kept (at the daemon's start), so that it holds
    /// what the counters its state restores count. A damaged file costs the log, not the job.
    /// </summary>
    private void LoadErrors(DaemonJob job)
    {
        string path = _paths.ErrorLog(job.Record.Name);
        try
        {
            ErrorLogFile.Load(path, job.Errors);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
        {
            _log.LogWarning("job {Job}: its error log {File} cannot be read ({Message}); it starts empty", job.Record.Name, path, e.Message);
        }
    }

    /// <summary>
    /// Takes the counters of the job's latest committed checkpoint (at the daemon's start), which its
    /// error log goes with: a job that no worker resumes now (paused, failed, or scheduled and not run
    /// since) shows the totals its state holds rather than zeros until it runs again. A job without
    /// state (never started, or stopped) has none and shows zeros.
    /// </summary>
    private void LoadCounters(DaemonJob job)
    {
        if (Runtime.Checkpoints.CommittedCounters.Read(_paths.StateFolder(job.Record.Name)) is { } counters)
        {
            job.Restored(counters, DateTimeOffset.UtcNow);
        }
    }

    private void SetStatus(DaemonJob job, JobStatus status, string reason)
    {
        JobStatus previous = job.Record.Status;
        job.Record.Status = status;
        job.Record.Since = DateTimeOffset.UtcNow;
        job.Record.Reason = reason;
        Publish(job, previous, reason);
    }

    private void Publish(DaemonJob job, JobStatus previous, string reason) => Changes.Publish(new JobStatusEvent
    {
        Name = job.Record.Name,
        Previous = previous,
        Current = job.Record.Status,
        Time = Conversions.ToProto(DateTimeOffset.UtcNow),
        Reason = reason,
        Version = job.Record.Version,
    });

    /// <summary>The current status of the named jobs (all when empty) as watch events.</summary>
    internal IReadOnlyList<JobStatusEvent> CurrentEvents(IReadOnlyCollection<string> names) =>
        [.. Snapshot().Where(j => names.Count == 0 || names.Contains(j.Record.Name)).Select(j => new JobStatusEvent
        {
            Name = j.Record.Name,
            Current = j.Record.Status,
            Time = Conversions.ToProto(j.Record.Since),
            Reason = j.Record.Reason,
            Version = j.Record.Version,
        })];

    private void Save()
    {
        lock (_saving)
        {
            SaveLocked();
        }
    }

    private void SaveLocked()
    {
        var records = new Dictionary<string, JobRecord>(_remembered, StringComparer.Ordinal);
        foreach (DaemonJob job in Snapshot())
        {
            records[job.Record.Name] = job.Record;
        }

        JobRecordFile.Save(_paths.JobsFile, records.Values);
    }

    private IReadOnlyList<DaemonJob> Find(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return Snapshot();
        }

        var found = new List<DaemonJob>();
        lock (_jobs)
        {
            foreach (string name in names)
            {
                // An empty name is a mistake in the request, not a job that might exist.
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw new RpcException(StatusCode.InvalidArgument, "a job name is empty");
                }

                found.Add(_jobs.TryGetValue(name, out DaemonJob? job) ? job : throw new RpcException(StatusCode.NotFound, $"no job '{name}'"));
            }
        }

        return found;
    }

    /// <summary>
    /// The jobs of jobs.json that the release still has and that are not loaded: their version did
    /// not compile when the daemon started (a job the release no longer has is removed by then).
    /// </summary>
    private List<JobRecord> NotLoaded()
    {
        lock (_jobs)
        {
            return [.. _remembered.Values.Where(r => !r.Removed && !_jobs.ContainsKey(r.Name))];
        }
    }

    private List<DaemonJob> Snapshot()
    {
        lock (_jobs)
        {
            return [.. _jobs.Values.OrderBy(j => j.Record.Name, StringComparer.Ordinal)];
        }
    }

    private static JobSummary Summary(DaemonJob job) => new()
    {
        Name = job.Record.Name,
        Status = job.Record.Status,
        Version = job.Record.Version,
        Channel = job.Version is { } version ? Conversions.ToProto(version.Manifest.Channel) : Channel.Unspecified,
        StatusSince = Conversions.ToProto(job.Record.Since),
        StatusReason = job.Record.Reason,
    };

    private static string Name(JobStatus status) => status.ToString().ToLowerInvariant();
}
