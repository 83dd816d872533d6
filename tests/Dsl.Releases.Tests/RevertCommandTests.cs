namespace Dsl.Releases.Tests;

/// <summary><c>dsl revert</c> as a user runs it.</summary>
public sealed class RevertCommandTests
{
    /// <summary>
    /// dsl revert writes the job's file only: a model it imports may be another job's work in
    /// progress. One that differs from the online version is named in a warning, with how to restore it.
    /// </summary>
    [Fact]
    public void Dsl_revert_leaves_an_edited_model_alone_and_says_the_job_is_not_online_until_it_is_restored()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        Sandbox.WriteModel(sandbox.Workspace, "shared", Jobs.SharedModel);
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.Importing("doubler"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        var edited = Jobs.SharedModel.Replace("ai Doubled kW", "ai Doubled kW\n  ai Spare", StringComparison.Ordinal);
        Sandbox.WriteModel(sandbox.Workspace, "shared", edited);
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.Importing("doubler").Replace("* 2", "* 3", StringComparison.Ordinal));

        var reverted = CliTests.Dsl(root, "revert", "doubler");

        Assert.Equal((0, "Reverted jobs/doubler.stream to the online version."), (reverted.ExitCode, reverted.Output.Trim()));
        Assert.Equal(
            "dsl revert: warning: doubler imports files that differ from their online versions, left as they are since other jobs may import them: models/shared.stream. "
            + "Until they are restored too (git restore --source=refs/dsl/release -- models/shared.stream), doubler is not its online version.",
            reverted.Error.Trim());
        Assert.Equal(Jobs.Importing("doubler"), File.ReadAllText(sandbox.Workspace.JobFile("doubler")));
        Assert.Equal(edited, File.ReadAllText(Path.Combine(root, "models", "shared.stream")));

        File.WriteAllText(Path.Combine(root, "models", "shared.stream"), Jobs.SharedModel);
        var clean = CliTests.Dsl(root, "revert", "doubler");

        Assert.Equal((0, ""), (clean.ExitCode, clean.Error));
    }

    /// <summary>A job the daemon's release branch does not have is refused, in lower case after "dsl revert: " as every other message.</summary>
    [Fact]
    public void Dsl_revert_refuses_a_job_that_is_not_online()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.Importing("doubler"));
        Sandbox.WriteModel(sandbox.Workspace, "shared", Jobs.SharedModel);
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);

        var reverted = CliTests.Dsl(root, "revert", "tripler");

        Assert.Equal(
            (1, "dsl revert: job 'tripler' is not online (it is not on the daemon's release branch)."),
            (reverted.ExitCode, reverted.Error.Trim()));
    }
}
