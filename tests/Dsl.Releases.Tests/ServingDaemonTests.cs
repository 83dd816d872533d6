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
        // A data directory of its own, holding a repository with a work tree to commit in (the
        // sandbox's data/jobs.git is bare).
        var data = Path.Combine(sandbox.Root, "serving");
        var git = Path.Combine(data, "jobs.git");
        Directory.CreateDirectory(git);
        GitRunner.Check(git, ["init", "-q"]);
        var first = Commit(git, "first");
        var second = Commit(git, "second");
        using var daemon = HoldAsDaemon(data);
        ServingDaemon.Deployed(data, second);

        Assert.True(ServingDaemon.AwaitDeployed(data, git, first, TimeSpan.FromSeconds(2)));
        Assert.True(ServingDaemon.AwaitDeployed(data, git, second, TimeSpan.FromSeconds(2)));

        // A release the deployed one does not hold (a sibling) is not deployed yet.
        GitRunner.Check(git, ["checkout", "-q", "-b", "other", first]);
        var sibling = Commit(git, "sibling");
        Assert.False(ServingDaemon.AwaitDeployed(data, git, sibling, TimeSpan.FromMilliseconds(300)));
    }

    /// <summary>
    /// A daemon killed without stopping leaves its pid file, and the number may be another live
    /// process's by the next push: without the daemon's lock held, no daemon serves the directory.
    /// </summary>
    [Fact]
    public void A_pid_file_left_behind_naming_a_live_process_is_no_daemon_when_nobody_holds_the_lock()
    {
        using var sandbox = new Sandbox();
        var data = Path.Combine(sandbox.Root, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, ServingDaemon.LockFileName), "");
        File.WriteAllText(Path.Combine(data, ServingDaemon.PidFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

        Assert.Null(ServingDaemon.Of(data));
        Assert.Null(ServingDaemon.AwaitDeployed(data, data, "0123456789abcdef0123456789abcdef01234567", TimeSpan.FromSeconds(1)));

        using (HoldAsDaemon(data))
        {
            Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), ServingDaemon.Of(data));
        }
    }

    /// <summary>Takes the data directory as a daemon does: its lock held exclusively, its pid written.</summary>
    private static FileStream HoldAsDaemon(string data)
    {
        var held = new FileStream(Path.Combine(data, ServingDaemon.LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        File.WriteAllText(Path.Combine(data, ServingDaemon.PidFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return held;
    }

    private static string Commit(string git, string message)
    {
        GitRunner.Check(git, ["commit", "-q", "--allow-empty", "-m", message]);
        return GitRunner.Check(git, ["rev-parse", "HEAD"]).Trim();
    }
}
