using Dsl.Releases.Git;
using Dsl.TestUtilities;

namespace Dsl.Releases.Tests;

/// <summary><c>dsl release</c> as a user runs it.</summary>
public sealed class ReleaseCommandTests
{
    /// <summary>
    /// A user's push.followTags would make git push the workspace's own annotated tags too, and the
    /// daemon refuses a push of anything but release, the release with it: dsl release pushes release only.
    /// </summary>
    [Fact]
    public void Dsl_release_pushes_no_tag_of_the_workspace_whatever_push_follow_tags_says()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        GitRunner.Check(root, ["tag", "--annotate", "milestone", "--message", "our milestone"]);
        var followTags = new Dictionary<string, string?>
        {
            ["GIT_CONFIG_COUNT"] = "1",
            ["GIT_CONFIG_KEY_0"] = "push.followTags",
            ["GIT_CONFIG_VALUE_0"] = "true",
        };

        var released = CliTests.Dsl(root, followTags, "release");

        Assert.True(released.ExitCode == 0, released.Error);
        Assert.Equal(["stats/v1"], sandbox.Tags());
    }

    /// <summary>A user's push.gpgSign would have git stop at the daemon, which takes no signed pushes: dsl release signs nothing.</summary>
    [Fact]
    public void Dsl_release_pushes_unsigned_whatever_push_gpg_sign_says()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        var signing = new Dictionary<string, string?>
        {
            ["GIT_CONFIG_COUNT"] = "1",
            ["GIT_CONFIG_KEY_0"] = "push.gpgSign",
            ["GIT_CONFIG_VALUE_0"] = "true",
        };

        var released = CliTests.Dsl(sandbox.Workspace.Root, signing, "release");

        Assert.True(released.ExitCode == 0, released.Error);
        Assert.Equal(["stats/v1"], sandbox.Tags());
    }

    /// <summary>
    /// A push returns only once the daemon has checked and deployed the release, and git's words come
    /// then: meanwhile a terminal shows what dsl is waiting on, and the line is gone at the end.
    /// </summary>
    [TerminalFact]
    public void Dsl_release_and_save_show_what_they_wait_on_while_standard_error_is_a_terminal()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        string output = Path.Combine(sandbox.Root, "stdout.txt");

        var saved = CliTests.DslOnTerminal(root, output, "save", "-m", "first");
        Assert.True(saved.ExitCode == 0, saved.Error);
        Assert.Contains("dsl save: checking the changed jobs…", saved.Error, StringComparison.Ordinal);
        Assert.Empty(Terminal.Screen(saved.Error));

        var released = CliTests.DslOnTerminal(root, output, "release");

        Assert.True(released.ExitCode == 0, released.Error);
        Assert.Contains("dsl release: pushing to ", released.Error, StringComparison.Ordinal);
        var screen = Terminal.Screen(released.Error);
        Assert.DoesNotContain(screen, line => line.Contains("pushing to", StringComparison.Ordinal));
        Assert.Contains(screen, line => line.Contains("HEAD -> release", StringComparison.Ordinal));
        Assert.Equal(["stats/v1"], sandbox.Tags());
    }
}
