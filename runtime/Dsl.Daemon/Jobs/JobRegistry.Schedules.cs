using Dsl.Control.V1;
using Dsl.Daemon.Channels;
using Dsl.Daemon.Schedules;
using Dsl.Runtime.State;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Jobs;

/// <summary>Offline jobs' schedules: files arriving in the inbox and the times that start a batch run.</summary>
public sealed partial class JobRegistry
{
    /// <summary>Notes a file the inbox ingested (as <c>inbox/NAME</c>), for <c>on file</c> schedules.</summary>
    public void FileArrived(string file)
    {
        lock (_arrivals)
        {
            _arrivals.Add((DateTimeOffset.UtcNow, file));
            if (_arrivals.Count > 1000)
            {
                _arrivals.RemoveAt(0);
            }
        }
    }

    /// <summary>Starts the runs of armed scheduled jobs that are due.</summary>
    public async Task RunSchedulesAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            foreach (DaemonJob job in Snapshot().Where(j => j.IsScheduled && j.Record.Status == JobStatus.Running && j.PausesWaiting == 0 && (j.Batch?.IsCompleted ?? true)))
            {
                job.BatchEnded();
                if (Due(job, now) is { } trigger)
                {
                    StartBatch(job, trigger, cancellationToken);
                }
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private string? Due(DaemonJob job, DateTimeOffset now)
    {
        Compiler.Binding.BoundSchedule schedule = job.Online.Schedule ?? throw new InvalidOperationException("not a scheduled job");
        DateTimeOffset armed = job.Record.Armed ?? now;
        ScheduledRun? last = LastRunSinceArmed(job.Record);
        if (RunsAgain(last))
        {
            return $"{Again}the run of {last!.Started:yyyy-MM-dd HH:mm:ss}Z was cut off";
        }

        if (schedule.Kind == Compiler.Binding.ScheduleKind.OnFile)
        {
            DateTimeOffset since = last?.Started ?? armed;
            lock (_arrivals)
            {
                return _arrivals.Where(a => a.Time >= since && ScheduleClock.Matches(schedule.Pattern ?? "*", a.File)).Select(a => a.File).FirstOrDefault();
            }
        }

        return NextRun(job.Record, schedule, now) <= now ? ScheduleClock.Describe(schedule) : null;
    }

    /// <summary>
    /// When an armed job runs next: at once after a run cut off by the daemon's stop or a crash (see RunsAgain),
    /// else at its schedule's next time after its last run since it was armed (a start after a pause
    /// arms it anew); null for <c>on file</c>, and for a <c>once</c> that ran.
    /// </summary>
    internal static DateTimeOffset? NextRun(JobRecord record, Compiler.Binding.BoundSchedule schedule, DateTimeOffset now)
    {
        ScheduledRun? last = LastRunSinceArmed(record);
        return RunsAgain(last) ? now : ScheduleClock.Next(schedule, record.Armed ?? now, last?.Started);
    }

    private const string Again = "again: ";

    /// <summary>
    /// Whether a run is run again at once: one cut off, unless it was itself such a run again, as
    /// a run that brings the daemon down would otherwise do so at every start; the schedule's next
    /// time tries it then.
    /// </summary>
    private static bool RunsAgain(ScheduledRun? last) =>
        last is { CutOff: true } && !last.Trigger.StartsWith(Again, StringComparison.Ordinal);

    private static ScheduledRun? LastRunSinceArmed(JobRecord record) =>
        record.Runs.LastOrDefault() is { } last && last.Started >= (record.Armed ?? DateTimeOffset.MinValue) ? last : null;

    /// <summary>
    /// At the daemon's start: a run that jobs.json still has running was cut off by a crash. It
    /// committed nothing; it is recorded as failed, and the job runs again at once.
    /// </summary>
    private void RecordCrashedRuns()
    {
        foreach (DaemonJob job in Snapshot().Where(j => j.IsScheduled && j.Record.Runs.LastOrDefault() is { Status: JobStatus.Running }))
        {
            ScheduledRun run = job.Record.Runs[^1];
            run.Status = JobStatus.Failed;
            run.Error = "cut off: the daemon ended during the run";
            run.CutOff = true;
            LogFailure(job, "run_failed", run.Error);
        }
    }

    private void StartBatch(DaemonJob job, string trigger, CancellationToken cancellationToken)
    {
        ChannelLog channel = _channels.Of(job.Online.Manifest.Channel);
        long end = channel.CommittedTail;
        var run = new ScheduledRun { Started = DateTimeOffset.UtcNow, Trigger = trigger };
        job.Record.Runs.Add(run);
        if (job.Record.Runs.Count > 20)
        {
            job.Record.Runs.RemoveAt(0);
        }

        Save();
        Releases.CompiledVersion version = job.Online;
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        job.BatchStarted(Task.Run(() =>
        {
            using var files = new OutputFiles(_paths.OutputFolder(channel.Name, job.Record.Name), job.Record.Run, _options.OutputFileBytes);
            try
            {
                (run.Records, IReadOnlyDictionary<string, long> opened, job.LastCounters, job.Record.LastCheckpoint, long position) = BatchRun.Run(
                    version.Job,
                    _paths.StateFolder(job.Record.Name),
                    new StateStoreOptions(Resources().MemoryOf(job.Record.Name)),
                    job.Errors,
                    (manifest, points, assets) => new JobOutputSink(files, channel, Outputs, manifest, points, assets),
                    channel,
                    job.Record.StartAddress,
                    end,
                    warnings => LogStateWarnings(job, warnings),
                    MasterData(version.Manifest),
                    cancellation.Token);
                job.Opened(opened, run.Started);
                job.Record.BatchPosition = position;
                run.Status = JobStatus.Stopped;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // Cut off by the daemon's shutdown or the job's stop: recorded as failed (docs/runtime.md),
                // but said as what it is, without the stack trace of a failure.
                string why = cancellationToken.IsCancellationRequested ? "the daemon stopped" : "the job was stopped";
                run.Status = JobStatus.Failed;
                run.Error = $"cancelled: {why}";
                run.CutOff = cancellationToken.IsCancellationRequested;
                LogFailure(job, "run_failed", run.Error);
                _log.LogWarning("scheduled run of {Job} cancelled: {Why}", job.Record.Name, why);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                run.Status = JobStatus.Failed;
                run.Error = e.Message;
                LogFailure(job, "run_failed", e.Message);
                _log.LogError(e, "scheduled run of {Job} failed", job.Record.Name);
            }

            run.Ended = DateTimeOffset.UtcNow;
            Save();
        }, CancellationToken.None), cancellation);
    }
}
