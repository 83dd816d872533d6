using Dsl.Control.V1;
using Dsl.Daemon.Releases;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;

namespace Dsl.Daemon.Jobs;

/// <summary>Deploying a released version: upgrading in place when the state is compatible, else restarting fresh or failing.</summary>
public sealed partial class JobRegistry
{
    private async Task<DeployResult> DeployLocked(string name, Releases.CompiledVersion version, string commit, uint? tagged, IReadOnlyList<Diagnostic> diagnostics)
    {
        DaemonJob? job;
        lock (_jobs)
        {
            _jobs.TryGetValue(name, out job);
        }

        if (job is { Version: null })
        {
            return Mend(job, version, commit, tagged, diagnostics);
        }

        if (job is null)
        {
            // A job the daemon knew before a restart keeps its record; a version released meanwhile counts as new.
            JobRecord record = _remembered.TryGetValue(name, out JobRecord? known) ? known : new JobRecord { Name = name };
            bool returned = record.Removed;
            if (record.StatusBeforeBuildFailure is { } before)
            {
                // Failed at an earlier start for a version that did not compile: this one does, so the
                // job is as it was, a running one resumed by the restore below.
                record.Status = before;
                record.StatusBeforeBuildFailure = null;
                record.Reason = "its version compiles again";
            }

            // What the log says: a job the daemon knew before it started is no new release, unless one came meanwhile.
            string deployed = $"job {name} released ({commit})";
            if (record.Removed)
            {
                // Released again after a release removed it: its state is gone, so it is as new,
                // and it is a new version even with the sources it had (its release has a new tag).
                record.Removed = false;
                record.Status = JobStatus.Released;
                record.Since = DateTimeOffset.UtcNow;
                record.Reason = $"released again after its removal ({commit})";
                record.Source = string.Empty;
            }

            if (record.Source != version.Manifest.Version && known is not null && !returned && tagged is { } latest && latest <= record.Version)
            {
                // The record counts the job's latest release tag already: nothing was released
                // meanwhile, only the compiler changed (a new build of the daemon compiles every
                // job to a new version), so the job keeps its version number and its reason.
                record.Source = version.Manifest.Version;
                deployed = $"job {name} compiled anew by this build of the daemon, still version {record.Version} ({commit})";
            }
            else if (record.Source != version.Manifest.Version)
            {
                record.Version = NextVersion(record, tagged);
                record.Commit = commit;
                record.Source = version.Manifest.Version;
                record.ReleasedAt = DateTimeOffset.UtcNow;
                if (known is not null && !returned)
                {
                    // Released while the daemon was stopped: a running job resumes on the new version,
                    // a paused one when started (either fails with the reason, should the version
                    // not keep its state, and that reason replaces this one). A released or stopped
                    // job just has it; an older reason would speak of an older version. A failed
                    // job becomes released, as a release to a running daemon makes it.
                    if (record.Status == JobStatus.Failed)
                    {
                        record.Status = JobStatus.Released;
                        record.Since = DateTimeOffset.UtcNow;
                    }

                    record.Reason = $"version {record.Version} was released while the daemon was stopped";
                    deployed = $"job {name}: {record.Reason} ({commit})";
                }
            }
            else if (known is not null && !returned)
            {
                deployed = $"job {name} is unchanged, version {record.Version} ({commit})";
            }

            job = new DaemonJob(record, version);
            LoadErrors(job);
            LoadCounters(job);
            lock (_jobs)
            {
                _jobs[name] = job;
            }

            Publish(job, JobStatus.Unspecified, "released");
            if (_restored && record.Status == JobStatus.Running && !job.IsScheduled)
            {
                // Running before the start, but not deployed then (the release had no commit yet),
                // so the restore passed it over: this version resumes it, as the restore would have.
                Resume(job);
            }

            Save();
            return new DeployResult(true, true, deployed, diagnostics);
        }

        if (job.Version.Manifest.Version == version.Manifest.Version)
        {
            version.Loaded.Dispose();
            return new DeployResult(true, false, $"job {name} is unchanged", diagnostics);
        }

        // A job in a scheduled run: the new version waits for the run, keeping its work, as a
        // pause does, without holding every other job's lifecycle change meanwhile.
        await WaitForRunsAsync([name], CancellationToken.None).ConfigureAwait(false);
        bool wasRunning = job.Worker is not null;
        await EndWorkerAsync(job, clearState: false).ConfigureAwait(false);
        Releases.CompiledVersion old = job.Version;
        StateCompatibility compatibility = DurableJobHost.CheckCompatibility(old.Manifest, version.Manifest);

        // The state holds the job's place in its channel's log, which means nothing in the other
        // channel's: a job that moves channel starts over there, as one whose state changed.
        string? channelMove = old.Manifest.Channel == version.Manifest.Channel ? null
            : $"it moved from the {ChannelName(old.Manifest.Channel)} channel to {ChannelName(version.Manifest.Channel)}, where its place in its input means nothing";
        if (job.LastCounters is { } counters)
        {
            // The ended worker's counters are the job's at the deployment, which the alarm rounds, a
            // second apart, would otherwise only know from a reading before it.
            job.Deployed = new Alarms.CountOrigin(job.Record.Run, counters);
        }

        job.Version = version;
        job.Record.Version = NextVersion(job.Record, tagged);
        job.Record.Commit = commit;
        job.Record.Source = version.Manifest.Version;
        job.Record.ReleasedAt = DateTimeOffset.UtcNow;
        old.Loaded.Dispose();
        if (wasRunning && channelMove is not null)
        {
            RestartFresh(job, channelMove);
        }
        else if (wasRunning)
        {
            try
            {
                StartWorker(job, fresh: false);
                job.Record.Reason = $"upgraded to version {job.Record.Version}";
                Publish(job, JobStatus.Running, job.Record.Reason);
            }
            catch (StateException e) when (e.Error == RuntimeErrors.IncompatibleState)
            {
                // The release hook lets an upgrade whose state cannot be kept through only when the
                // pusher asked for a stop-and-restart (git push -o restart): do exactly that.
                RestartFresh(job, compatibility.IsCompatible ? StateChange(e) : StateChange(compatibility));
            }
            catch (Exception e) when (e is StateException or AssetMasterDataException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Its worker has ended: a state or output folder that cannot be opened fails the job
                // with the reason, as a start does, instead of leaving it running without a worker.
                Fail(job, FailureReason(job, e));
            }
        }
        else if (job.Record.Status == JobStatus.Paused && (!compatibility.IsCompatible || channelMove is not null))
        {
            // As for a running job, the hook let this through only with a restart asked for: the
            // paused state is cleared, as a stop would, and the job waits for its start.
            ClearState(job.Record);
            SetStatus(job, JobStatus.Stopped, $"stopped with its state cleared for version {job.Record.Version}: {channelMove ?? StateChange(compatibility)}; start it to run with empty state");
        }
        else if (job.Record.Status is JobStatus.Paused or JobStatus.Released or JobStatus.Stopped)
        {
            // The reason is the latest version's: one of an older version (its release after a
            // removal, a stop that cleared its state) no longer says why the job is as it is.
            job.Record.Reason = $"upgraded to version {job.Record.Version}";
            Publish(job, job.Record.Status, job.Record.Reason);
        }
        else if (job.Record.Status == JobStatus.Failed)
        {
            SetStatus(job, JobStatus.Released, "a new version was released");
        }

        Save();
        return new DeployResult(true, true, $"job {name} upgraded to {commit}", diagnostics);
    }

    /// <summary>
    /// The number of a newly deployed version: its release tag's (<c>JOB/vN</c>), so that the version
    /// a job shows is the one <c>dsl log</c>, <c>dsl diff vN</c> and previews of <c>vN</c> name, also
    /// when several releases landed while the daemon was down; one more than the last without a tag
    /// (a repository without the release hooks). Never lower than that.
    /// </summary>
    private static uint NextVersion(JobRecord record, uint? tagged) => Math.Max(record.Version + 1, tagged ?? 0);

    // DSL5004's last argument lists the operators whose state changed; its own advice is for
    // `dsl run --state`, not for a daemon's job.
    private static string StateChange(StateException incompatible) =>
        $"the state of {incompatible.Arguments[^1]} cannot be kept";

    /// <summary>
    /// Why a job failed, from what its start threw. A state error's own advice is for <c>dsl run
    /// --state</c> (delete the directory): a daemon's job starts over with a stop and a start, which
    /// clear its state, while a failed job cannot be started as it is.
    /// </summary>
    private static string FailureReason(DaemonJob job, Exception e) => e switch
    {
        StateException { Error: var error } state when error == RuntimeErrors.IncompatibleState =>
            $"version {job.Record.Version} cannot keep this job's state: {StateChange(state)}; stop and start it to run from empty state",
        StateException { Error: var error } state when error != RuntimeErrors.StateInUse =>
            $"{error.FormatFact([.. state.Arguments])} Stop and start the job to run it from empty state.",
        _ => e.Message,
    };

    private static string ChannelName(Dsl.Runtime.Jobs.JobChannel channel) => channel.ToString().ToLowerInvariant();

    private static string StateChange(StateCompatibility compatibility) =>
        $"the state of {string.Join(", ", compatibility.Changed.Select(name => $"\"{name}\""))} cannot be kept";

    private void RestartFresh(DaemonJob job, string reason)
    {
        try
        {
            StartWorker(job, fresh: true);

            // Kept as the status reason too, so that Jobs.Get says why the outputs start over; the
            // status counts from this restart, as the new run and its output files do.
            job.Record.Since = DateTimeOffset.UtcNow;
            job.Record.Reason = "restarted with empty state: " + reason;
            Publish(job, JobStatus.Running, job.Record.Reason);
        }
        catch (Exception e) when (e is StateException or AssetMasterDataException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Fail(job, FailureReason(job, e));
        }
    }
}
