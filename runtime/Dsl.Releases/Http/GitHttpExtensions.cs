using Dsl.Control.V1;
using Dsl.Control.Wire;

namespace Dsl.Releases.Http;

/// <summary>Mounts the release repository on a control server.</summary>
public static class GitHttpExtensions
{
    /// <summary>
    /// Serves <paramref name="repositoryPath"/> (e.g. <c>DATA/jobs.git</c>) at
    /// <c>/git/NAME.git</c> on every endpoint of the server, the HTTP/1.1 one included, which is
    /// the one git's client speaks. Viewer tokens fetch; pushing needs admin.
    /// </summary>
    public static void MapGitHttp(this ControlServer server, string repositoryPath)
    {
        var bridge = new GitHttpBridge(repositoryPath);
        server.MapHttp(GitHttpBridge.RoutePrefix, Role.Viewer, bridge.HandleAsync);
    }
}
