using Dsl.Control.V1;
using Dsl.Daemon.Releases;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// A job the daemon knew whose released version does not compile when it starts (its compiler or
/// the models it imports changed, its cache is gone and a release pushed meanwhile fails to build):
/// it stays a job, failed with the build error as its reason, its state kept, until a version that
/// compiles is deployed or a stop clears it.
/// </summary>
public sealed partial class JobRegistry
{
    // The failure reason names the first errors, up to this length: a job's whole build output is for `dsl check`.
    private const int MaxBuildFailureLength = 400;

    /// <summary>
    /// Holds a job of <c>jobs.json</c> whose version does not compile as a job without a version.
    /// A new job is not deployed, and a job with a version keeps it (a running daemon's release
    /// hook refuses a version that does not compile, so that is one pushed past the hooks).
    /// </summary>
    private void KeepUnbuilt(string name, BuildResult build, string commit, uint? tagged)
    {
        DaemonJob? job;
        lock (_jobs)
        {
            _jobs.TryGetValue(name, out job);
        }

        if (job is null)
        {
            if (!_remembered.TryGetValue(name, out JobRecord? record) || record.Removed)
            {
                return;
            }

            job = new DaemonJob(record, null);
            LoadErrors(job);
            LoadCounters(job);
            lock (_jobs)
            {
                _jobs[name] = job;
            }
        }
        else if (job.Version is not null)
        {
            return;
        }

        uint version = tagged ?? (job.Record.Commit == commit ? job.Record.Version : job.Record.Version + 1);
        job.BuildFailure = $"version {version} does not compile: {Bounded(build)}";
        job.StatusAlarms = Alarms.StatusAlarms.Of(build.UnbuiltAlarms ?? []);
        if (job.Record.Status is JobStatus.Running or JobStatus.Paused or JobStatus.Released)
        {
            // What it was, so that the version that mends it brings it back (see Mend).
            job.Record.StatusBeforeBuildFailure = job.Record.Status;
            Fail(job, job.BuildFailure);
        }
        else if (job.Record.Status == JobStatus.Failed)
        {
            Fail(job, job.BuildFailure);
        }
        else
        {
            // Stopped: nothing to run, but a start is refused, and the reason says why.
            _log.LogError("job {Job}: {Reason}", name, job.BuildFailure);
            job.Record.Reason = job.BuildFailure;
            Publish(job, JobStatus.Stopped, job.BuildFailure);
        }

        Save();
    }

    /// <summary>
    /// Deploys the first version that compiles of a job that had none: it returns to the status it
    /// had before its build failed (a running job resumes from its checkpoint), a job failed
    /// otherwise becomes released, as a failed job does with any new version.
    /// </summary>
    private DeployResult Mend(DaemonJob job, CompiledVersion version, string commit, uint? tagged, IReadOnlyList<Diagnostic> diagnostics)
    {
        job.Version = version;
        job.BuildFailure = null;
        job.StatusAlarms = [];
        job.Record.Version = NextVersion(job.Record, tagged);
        job.Record.Commit = commit;
        job.Record.Source = version.Manifest.Version;
        job.Record.ReleasedAt = DateTimeOffset.UtcNow;
        JobStatus status = job.Record.StatusBeforeBuildFailure ?? (job.Record.Status == JobStatus.Failed ? JobStatus.Released : job.Record.Status);
        job.Record.StatusBeforeBuildFailure = null;
        SetStatus(job, status, $"version {job.Record.Version} compiles");
        if (_restored && status == JobStatus.Running && !job.IsScheduled)
        {
            Resume(job);
        }

        Save();
        return new DeployResult(true, true, $"job {job.Record.Name}: version {job.Record.Version} compiles ({commit})", diagnostics);
    }

    /// <summary>The build's first error, and how many more there are, within <see cref="MaxBuildFailureLength"/>.</summary>
    private static string Bounded(BuildResult build)
    {
        int more = build.Diagnostics.Count(d => d.Severity == Severity.Error) - 1;
        string message = more > 0 ? $"{build.Message} (and {more} more error{(more == 1 ? "" : "s")})" : build.Message;
        return message.Length <= MaxBuildFailureLength ? message : string.Concat(message.AsSpan(0, MaxBuildFailureLength - 1), "…");
    }
}
