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

    /// <summary>
    /// A standard output whose reader has gone (<c>dsl run … | head -1</c>) stops the run at the next
    /// write, exit 1, instead of reading the rest of the input for nobody and reporting success.
    /// </summary>
    [Fact]
    public void A_run_whose_standard_output_is_closed_stops_with_exit_1()
    {
        DslCli.WarmChainedJob();
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        var start = DateTimeOffset.Parse("2026-01-05T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        workspace.Write("in.jsonl", string.Concat(Enumerable.Range(0, 200_000).Select(i =>
            Jobs.Record("d1", "A", start.AddSeconds(i).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), i) + "\n")));

        var result = DslCli.RunIntoClosedPipe(workspace.Directory, "run", "job.stream", "--input", "in.jsonl");

        Assert.Equal((1, "dsl run: Broken pipe"), (result.ExitCode, Assert.Single(result.ErrorLines)));
    }
}
