namespace Dsl.Releases.Tests;

/// <summary><c>dsl diff</c> as a user runs it.</summary>
public sealed class DiffCommandTests
{
    /// <summary>
    /// A user's external diff tool (diff.external, as difftastic is set up) is not what dsl diff
    /// prints: it showed nothing at all, as if the versions were equal.
    /// </summary>
    [Fact]
    public void Dsl_diff_prints_a_unified_diff_whatever_external_diff_git_is_configured_with()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats").Replace("ten-minute", "edited", StringComparison.Ordinal));
        var externalDiff = new Dictionary<string, string?>
        {
            ["GIT_CONFIG_COUNT"] = "1",
            ["GIT_CONFIG_KEY_0"] = "diff.external",
            ["GIT_CONFIG_VALUE_0"] = "echo external",
        };

        var diff = CliTests.Dsl(sandbox.Workspace.Root, externalDiff, "diff", "stats");

        Assert.Equal((0, ""), (diff.ExitCode, diff.Error));
        Assert.Equal(
            "--- jobs/stats.stream (HEAD)\n+++ jobs/stats.stream\n@@ -1,4 +1,4 @@\n-job stats \"ten-minute statistics\"\n+job stats \"edited statistics\"\n \n model Sensor {\n   ai Value: double\n",
            diff.Output);
    }

    /// <summary>
    /// A release is of the job and the models it imports: one that changed only a model showed no
    /// difference at all. The model's diff follows the job's, here empty.
    /// </summary>
    [Fact]
    public void Dsl_diff_shows_the_changes_of_the_models_the_job_imports()
    {
        using var sandbox = new Sandbox();
        Sandbox.WriteModel(sandbox.Workspace, "shared", Jobs.SharedModel);
        Sandbox.Write(sandbox.Workspace, "uses", Jobs.Importing("uses"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        Sandbox.WriteModel(sandbox.Workspace, "shared", Jobs.SharedModel.Replace("ai Doubled kW", "ai Doubled kW\n  ai Spare: double", StringComparison.Ordinal));
        Sandbox.Save(sandbox.Workspace, "a spare point");
        Assert.True(sandbox.Push().Success);
        Sandbox.WriteModel(sandbox.Workspace, "shared", Jobs.SharedModel.Replace("Power", "Output", StringComparison.Ordinal));

        var released = CliTests.Dsl(sandbox.Workspace.Root, "diff", "uses", "v1", "v2");
        var working = CliTests.Dsl(sandbox.Workspace.Root, "diff", "uses", "v1");

        Assert.Equal(
            (0, "", "--- models/shared.stream (v1)\n+++ models/shared.stream (v2)\n@@ -1,4 +1,5 @@\n model Shared {\n   ai Power: double kW\n   ai Doubled kW\n+  ai Spare: double\n }\n"),
            (released.ExitCode, released.Error, released.Output));
        Assert.Equal(
            (0, "", "--- models/shared.stream (v1)\n+++ models/shared.stream\n@@ -1,4 +1,4 @@\n model Shared {\n-  ai Power: double kW\n+  ai Output: double kW\n   ai Doubled kW\n }\n"),
            (working.ExitCode, working.Error, working.Output));
    }

    private const string NewJob = "job second \"not saved yet\"\n\nmodel M { ai P kW }\n";

    private const string NewJobAdded = "--- /dev/null\n+++ jobs/second.stream\n@@ -0,0 +1,3 @@\n+job second \"not saved yet\"\n+\n+model M { ai P kW }\n";

    /// <summary>A job new in the workspace is shown whole as added, as git shows a new file, not refused as missing at HEAD.</summary>
    [Fact]
    public void Dsl_diff_of_a_job_not_saved_yet_shows_it_all_as_added()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Sandbox.Write(sandbox.Workspace, "second", NewJob);

        var diff = CliTests.Dsl(sandbox.Workspace.Root, "diff", "second");

        Assert.Equal((0, "", NewJobAdded), (diff.ExitCode, diff.Error, diff.Output));
    }

    /// <summary>Against the online versions, a job never released is new as well.</summary>
    [Fact]
    public void Dsl_diff_online_of_a_job_never_released_shows_it_all_as_added()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        Sandbox.Write(sandbox.Workspace, "second", NewJob);

        var diff = CliTests.Dsl(sandbox.Workspace.Root, "diff", "second", "online");

        Assert.Equal((0, "", NewJobAdded), (diff.ExitCode, diff.Error, diff.Output));
    }

    /// <summary>A job deleted from the workspace is shown whole as removed.</summary>
    [Fact]
    public void Dsl_diff_of_a_job_deleted_from_the_workspace_shows_it_all_as_removed()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Write(sandbox.Workspace, "second", NewJob);
        Sandbox.Save(sandbox.Workspace, "first");
        File.Delete(sandbox.Workspace.JobFile("second"));

        var diff = CliTests.Dsl(sandbox.Workspace.Root, "diff", "second");

        Assert.Equal(
            (0, "", "--- jobs/second.stream (HEAD)\n+++ /dev/null\n@@ -1,3 +0,0 @@\n-job second \"not saved yet\"\n-\n-model M { ai P kW }\n"),
            (diff.ExitCode, diff.Error, diff.Output));
    }

    /// <summary>A job that neither side has is a misspelt name or a job that does not exist: said in one line, not an empty diff.</summary>
    [Theory]
    [InlineData(new[] { "diff", "nosuch" }, "dsl diff: there is no job nosuch: jobs/nosuch.stream is neither in the workspace nor at HEAD.")]
    [InlineData(new[] { "diff", "nosuch", "HEAD", "HEAD" }, "dsl diff: there is no job nosuch: jobs/nosuch.stream is neither at HEAD nor at HEAD.")]
    public void Dsl_diff_of_a_job_no_version_has_says_there_is_no_such_job(string[] arguments, string error)
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");

        var diff = CliTests.Dsl(sandbox.Workspace.Root, arguments);

        Assert.Equal((1, "", error), (diff.ExitCode, diff.Output, diff.Error.Trim()));
    }
}
