using Dsl.Control.Api;
using Dsl.Control.Wire;

namespace Dsl.Releases.Api;

/// <summary>Registers the Releases rpcs on the daemon's control server.</summary>
public static class ReleasesExtensions
{
    /// <summary>
    /// Answers <c>dsl.control.v1.Releases</c> from <paramref name="jobsGitPath"/> (<c>DATA/jobs.git</c>):
    /// versions are its <c>JOB/vN</c> tags, the online version is the job's file on <c>release</c>,
    /// and locks are shared with the pre-receive hook that enforces hard locks.
    /// </summary>
    public static void MapReleases(this ControlServer server, string jobsGitPath, TimeProvider? time = null)
    {
        var service = new ReleasesService(Path.GetFullPath(jobsGitPath), time ?? TimeProvider.System);
        server.MapUnary(ReleasesApi.ListVersions, service.ListVersions);
        server.MapUnary(ReleasesApi.GetSource, service.GetSource);
        server.MapUnary(ReleasesApi.Diff, service.Diff);
        server.MapUnary(ReleasesApi.Revert, service.Revert);
        server.MapUnary(ReleasesApi.Lock, service.Lock);
        server.MapUnary(ReleasesApi.Unlock, service.Unlock);
    }
}
