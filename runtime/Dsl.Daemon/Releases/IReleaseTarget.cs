using Dsl.Control.V1;

namespace Dsl.Daemon.Releases;

/// <summary>
/// Where released jobs go: the seam between the release flow (git, validation, locks) and the
/// daemon's job registry. <see cref="ReleaseWatcher"/> calls it for every job file of a new commit
/// of <c>release</c>; a validating release service can call it as well.
/// </summary>
public interface IReleaseTarget
{
    /// <summary>
    /// Compiles <paramref name="jobName"/> from <c>jobs/NAME.stream</c> of <paramref name="files"/>
    /// (imports resolved among the same files) and makes it the online version: a new job is
    /// released; a stopped one gets the new version; a running or paused one is checkpointed, swapped and
    /// resumed when its state is compatible, and otherwise ends failed with the reason. Nothing happens
    /// when the compiled version equals the online one.
    /// </summary>
    /// <param name="tagged">The number of the job's latest release tag up to this commit (<c>JOB/vN</c>), when the release hook made one.</param>
    DeployResult Deploy(string jobName, IReadOnlyDictionary<string, string> files, string commit, uint? tagged = null);

    /// <summary>Compiles a job as <see cref="Deploy"/> would, without deploying it (validation of a push).</summary>
    DeployResult Check(string jobName, IReadOnlyDictionary<string, string> files, string commit);

    /// <summary>The job's status, or null when the daemon has no such job.</summary>
    JobSummary? Status(string jobName);

    /// <summary>
    /// Takes down every job not in <paramref name="released"/> (its file was removed from the
    /// release): it is stopped, its state cleared, and it leaves the daemon's jobs; released again
    /// later, it comes back as newly released. Returns the jobs taken down.
    /// </summary>
    IReadOnlyList<string> Retire(IReadOnlyCollection<string> released, string commit);
}
