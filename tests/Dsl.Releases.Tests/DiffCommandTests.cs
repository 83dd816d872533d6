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
}
