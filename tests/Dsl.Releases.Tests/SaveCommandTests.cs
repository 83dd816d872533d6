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
}
