using Dsl.Releases.Git;

namespace Dsl.Releases.Tests;

/// <summary>The fetch of the daemon's releases that dsl log, diff, revert and release make.</summary>
public sealed class FetchTests
{
    /// <summary>A user's fetch.prune would make git delete every local tag the daemon lacks: the fetch never prunes.</summary>
    [Fact]
    public void Fetching_the_releases_keeps_the_user_s_own_tags_whatever_fetch_prune_says()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        GitRunner.Check(root, ["tag", "milestone"]);
        var prune = new Dictionary<string, string?>
        {
            ["GIT_CONFIG_COUNT"] = "1",
            ["GIT_CONFIG_KEY_0"] = "fetch.prune",
            ["GIT_CONFIG_VALUE_0"] = "true",
        };

        var log = CliTests.Dsl(root, prune, "log", "stats");

        Assert.Equal((0, ""), (log.ExitCode, log.Error));
        Assert.Equal(["milestone", "stats/v1"], GitRunner.Check(root, ["tag", "--list"]).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
