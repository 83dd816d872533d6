namespace Dsl.Cli.Tests;

/// <summary>
/// A standard output that cannot be written (redirected to a full disk) fails any command in one
/// line on stderr and exit 1, as a named output file that cannot be written does.
/// </summary>
public sealed class StandardOutputTests
{
    [FullDeviceTheory]
    [InlineData(new[] { "check", "job.stream" }, "dsl check")]
    [InlineData(new[] { "graph", "job.stream" }, "dsl graph")]
    [InlineData(new[] { "preview", "job.stream", "--input", "in.jsonl" }, "dsl preview")]
    [InlineData(new[] { "jobs", "--help" }, "dsl jobs")]
    public void A_full_disk_under_standard_output_is_one_line_and_exit_1(string[] args, string command)
    {
        DslCli.WarmChainedJob();
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");

        var result = DslCli.RunWithOutputTo(workspace.Directory, "/dev/full", args);

        Assert.Equal((1, $"{command}: No space left on device"), (result.ExitCode, Assert.Single(result.ErrorLines)));
    }
}
