using Dsl.Releases.Git;

namespace Dsl.Releases.Tests;

/// <summary><c>dsl save</c> as a user runs it.</summary>
public sealed class SaveCommandTests
{
    /// <summary>
    /// The way back from a release refused as behind (releases.md): merge the daemon's releases,
    /// resolve the conflict, and save. git commits a merge whole, never some of its paths.
    /// </summary>
    [Fact]
    public void Dsl_save_commits_a_merge_whose_conflict_was_resolved()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        var other = sandbox.NewWorkspace("other").Root;
        var mine = Jobs.Window("stats").Replace("ten-minute", "my", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(other, "jobs", "stats.stream"), mine);
        Assert.Equal(0, CliTests.Dsl(other, "save", "-m", "mine").ExitCode);
        Assert.Equal(0, CliTests.Dsl(other, "log", "stats").ExitCode);
        Assert.False(GitRunner.Run(other, ["merge", "--quiet", "--allow-unrelated-histories", "-m", "merge", "refs/dsl/release"]).Success);
        File.WriteAllText(Path.Combine(other, "jobs", "stats.stream"), mine);

        var saved = CliTests.Dsl(other, "save", "-m", "merged the releases");
        var released = CliTests.Dsl(other, "release");

        Assert.Equal((0, ""), (saved.ExitCode, saved.Error));
        // A merge commit: itself and its two parents.
        Assert.Equal(3, GitRunner.Check(other, ["rev-list", "--parents", "-1", "HEAD"]).Split(' ').Length);
        Assert.True(released.ExitCode == 0, released.Error);
        Assert.Equal(["stats/v1", "stats/v2"], sandbox.Tags());
    }

    /// <summary>A release of two jobs that feed each other is refused, so their save is too: one that did not change closes the cycle.</summary>
    [Fact]
    public void Dsl_save_refuses_jobs_that_would_form_a_cycle()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "forward", Jobs.Feed("forward", "A", "B"));
        Sandbox.Save(sandbox.Workspace, "forward");
        var head = GitRunner.Check(root, ["rev-parse", "HEAD"]);

        Sandbox.Write(sandbox.Workspace, "backward", Jobs.Feed("backward", "B", "A"));
        var saved = CliTests.Dsl(root, "save", "-m", "backward");

        Assert.Equal(1, saved.ExitCode);
        Assert.Contains("error: the jobs of the workspace form a cycle: backward -> forward -> backward (a job's outputs feed the inputs of the next).", saved.Output + saved.Error);
        Assert.Equal(head, GitRunner.Check(root, ["rev-parse", "HEAD"]));
    }
}
