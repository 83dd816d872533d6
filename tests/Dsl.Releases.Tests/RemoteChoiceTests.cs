using Dsl.Releases.Git;

namespace Dsl.Releases.Tests;

/// <summary>Which repository the workspace commands reach when no option or variable names one.</summary>
public sealed class RemoteChoiceTests
{
    private static readonly Dictionary<string, string?> _noServer = new() { ["DSL_SERVER"] = null, ["DSL_RELEASE_REMOTE"] = null };

    /// <summary>
    /// A plain <c>git clone</c> of the daemon's repository names its remote <c>origin</c>: the
    /// commands read and release through it, as through the <c>daemon</c> remote of <c>dsl init</c>.
    /// </summary>
    [Fact]
    public void A_git_clone_of_the_daemon_s_repository_reads_through_its_origin()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        var clone = sandbox.Clone("clone").Root;
        var online = Jobs.Window("stats").Replace("ten-minute", "edited", StringComparison.Ordinal);
        Sandbox.Write(sandbox.Workspace, "stats", online);
        Sandbox.Save(sandbox.Workspace, "second");
        Assert.True(sandbox.Push().Success);
        // A second remote that is no daemon's repository (a team's shared host, say) changes nothing.
        GitRunner.Check(sandbox.Root, ["init", "--quiet", "--bare", "shared.git"]);
        GitRunner.Check(clone, ["remote", "add", "shared", Path.Combine(sandbox.Root, "shared.git")]);

        var log = CliTests.Dsl(clone, _noServer, "log", "stats");
        File.WriteAllText(Path.Combine(clone, "jobs", "stats.stream"), "edited");
        var reverted = CliTests.Dsl(clone, _noServer, "revert", "stats");

        Assert.Equal((0, ""), (log.ExitCode, log.Error));
        Assert.Matches(@"^[0-9a-f]{12} \S+ Test Author: second \(stats/v2\)\n[0-9a-f]{12} \S+ Test Author: first \(stats/v1\)\n$", log.Output);
        Assert.Equal((0, ""), (reverted.ExitCode, reverted.Error));
        Assert.Equal(online, File.ReadAllText(Path.Combine(clone, "jobs", "stats.stream")));
    }

    /// <summary>A remote that is no daemon's repository is never released to, though it is the workspace's only one.</summary>
    [Fact]
    public void A_workspace_whose_only_remote_is_no_daemon_s_repository_does_not_release_there()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        var shared = Path.Combine(sandbox.Root, "shared.git");
        GitRunner.Check(sandbox.Root, ["init", "--quiet", "--bare", shared]);
        GitRunner.Check(sandbox.Workspace.Root, ["remote", "rename", "daemon", "origin"]);
        GitRunner.Check(sandbox.Workspace.Root, ["remote", "set-url", "origin", shared]);

        var refused = CliTests.Dsl(sandbox.Workspace.Root, _noServer, "release");

        Assert.Equal(
            (1, "dsl release: no token for http://127.0.0.1:7401/git/jobs.git (the default: name the daemon with --server, DSL_SERVER or a git remote 'daemon'): pass --token or set DSL_TOKEN (releasing takes an admin token)."),
            (refused.ExitCode, refused.Error.Trim()));
        Assert.False(GitRunner.Run(shared, ["rev-parse", "--verify", "--quiet", "refs/heads/release"]).Success);
    }

    /// <summary>
    /// A clone made with the token in its URL, as plain git takes it (releases.md), keeps the token
    /// there: the commands use it and never print it.
    /// </summary>
    [Fact]
    public async Task A_clone_whose_url_carries_the_token_reads_releases_and_locks_with_it()
    {
        using var sandbox = new Sandbox();
        await using var http = await HttpServer.StartAsync(sandbox, adjacentPorts: true);
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        var url = new UriBuilder(http.GitUrl) { UserName = "dsl", Password = http.Admin.Secret }.Uri.ToString();
        var clone = Path.Combine(sandbox.Root, "clone");
        await Task.Run(() => GitRunner.Check(sandbox.Root, ["clone", "--quiet", "--branch", "release", url, clone]));
        var environment = new Dictionary<string, string?>(_noServer) { ["DSL_TOKEN"] = null };
        File.AppendAllText(Path.Combine(clone, "jobs", "stats.stream"), "// noted\n");
        GitRunner.Check(clone, ["commit", "--quiet", "--all", "-m", "noted"]);

        var log = await Task.Run(() => CliTests.Dsl(clone, environment, "log", "stats"));
        var released = await Task.Run(() => CliTests.Dsl(clone, environment, "release"));
        var locked = await Task.Run(() => CliTests.Dsl(clone, environment, "lock", "stats"));
        var unreachable = await Task.Run(() => CliTests.Dsl(clone, environment, "log", "stats", "--remote", "http://dsl:secret@127.0.0.1:1/git/jobs.git"));

        Assert.Equal((0, ""), (log.ExitCode, log.Error));
        Assert.True(released.ExitCode == 0, released.Error);
        Assert.Equal(["stats/v1", "stats/v2"], sandbox.Tags());
        Assert.Equal((0, "Locked stats for alice."), (locked.ExitCode, locked.Output.Trim()));
        Assert.StartsWith("dsl log: warning: cannot fetch the release tags from http://127.0.0.1:1/git/jobs.git (", unreachable.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", unreachable.Error, StringComparison.Ordinal);
    }
}
