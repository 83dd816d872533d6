using System.Globalization;
using Dsl.Releases.Git;
using Dsl.Releases.Repository;

namespace Dsl.Releases.Tests;

/// <summary>What a push's post-receive hook waits for: the daemon's record of the release it deployed.</summary>
public sealed class ServingDaemonTests
{
    /// <summary>
    /// Two pushes in quick succession: the daemon polls once and deploys the second, which holds
    /// the first. The first push is deployed then, and must not wait out its patience.
    /// </summary>
    [Fact]
    public void A_release_is_deployed_once_the_daemon_deployed_a_later_one_that_holds_it()
    {
        using var sandbox = new Sandbox();
        var data = Path.Combine(sandbox.Root, "data");
        var git = Path.Combine(data, "jobs.git");
        Directory.CreateDirectory(git);
        GitRunner.Check(git, ["init", "-q"]);
        var first = Commit(git, "first");
        var second = Commit(git, "second");
        File.WriteAllText(Path.Combine(data, ServingDaemon.PidFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        ServingDaemon.Deployed(data, second);

        Assert.True(ServingDaemon.AwaitDeployed(data, git, first, TimeSpan.FromSeconds(2)));
        Assert.True(ServingDaemon.AwaitDeployed(data, git, second, TimeSpan.FromSeconds(2)));

        // A release the deployed one does not hold (a sibling) is not deployed yet.
        GitRunner.Check(git, ["checkout", "-q", "-b", "other", first]);
        var sibling = Commit(git, "sibling");
        Assert.False(ServingDaemon.AwaitDeployed(data, git, sibling, TimeSpan.FromMilliseconds(300)));
    }

    private static string Commit(string git, string message)
    {
        GitRunner.Check(git, ["commit", "-q", "--allow-empty", "-m", message]);
        return GitRunner.Check(git, ["rev-parse", "HEAD"]).Trim();
    }
}
