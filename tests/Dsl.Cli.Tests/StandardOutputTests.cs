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

        Assert.Equal((1, $"{command}: no space left on the device"), (result.ExitCode, Assert.Single(result.ErrorLines)));
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

    /// <summary>
    /// Every command whose output can be long stops as <c>dsl run</c> does when the reader of its
    /// standard output has gone (<c>dsl check jobs/ | head -1</c>): one line, exit 1, not a silent
    /// exit 0 after printing for nobody. Each output here is far larger than a pipe holds, so the
    /// reader is gone before it is all written.
    /// </summary>
    [Theory]
    [InlineData(new[] { "graph", "large.stream" }, "dsl graph")]
    [InlineData(new[] { "check", "broken.stream" }, "dsl check")]
    [InlineData(new[] { "check", "broken.stream", "--format", "json" }, "dsl check")]
    [InlineData(new[] { "fmt", "--check", "unformatted" }, "dsl fmt")]
    public void A_long_output_whose_reader_has_gone_stops_with_exit_1(string[] args, string command)
    {
        using var workspace = new Workspace();
        workspace.Write("large.stream", LargeJob(_ => "2 * A"));
        workspace.Write("broken.stream", LargeJob(point => $"Missing{point} * A"));
        foreach (var i in Enumerable.Range(0, 2000))
            workspace.Write($"unformatted/{new string('f', 150)}{i}.stream", "job   j\n");

        var result = DslCli.RunIntoClosedPipe(workspace.Directory, args);

        Assert.Equal((1, $"{command}: Broken pipe"), (result.ExitCode, Assert.Single(result.ErrorLines)));
    }

    /// <summary>
    /// A standard output closed altogether (<c>dsl check jobs/ &gt;&amp;-</c>), or open only for
    /// reading, is said to be so, in one line and exit 1, at the command's first write; the
    /// system's own words for it ("Access to the path is denied") would send the reader looking
    /// for a file. The process is started by a shell with its descriptor 1 closed or read-only.
    /// </summary>
    [Theory]
    [InlineData(">&-", "standard output is closed")]
    [InlineData("1</dev/null", "standard output is open only for reading")]
    public void A_standard_output_that_is_closed_or_read_only_is_named_in_one_line(string redirection, string reason)
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        var result = DslCli.RunWithStandardOutput(workspace.Directory, redirection, "check", "job.stream");

        Assert.Equal((1, $"dsl check: {reason}"), (result.ExitCode, Assert.Single(result.ErrorLines)));
    }

    /// <summary>
    /// A standard output that is a file the shell shares with other writers (<c>{ echo …; dsl …;
    /// echo …; } &gt; log</c>, or <c>dsl … &gt; log 2&gt;&amp;1</c>) is written where the file has got to,
    /// as every program writes it: nothing dsl prints overwrites what came before or is overwritten by
    /// what comes after, its standard error included.
    /// </summary>
    [Fact]
    public void A_standard_output_shared_with_other_writers_keeps_every_line_in_order()
    {
        using var workspace = new Workspace();
        workspace.Write("broken.stream", "job broken\nmodel M {\n  ai A: double\n  ai B: double\n}\nmerge M on A {\n  B = 2 * Missing\n}\n");
        string log = Path.Combine(workspace.Directory, "log.txt");

        var alone = DslCli.Run(workspace.Directory, "check", "broken.stream");
        var logged = DslCli.RunBetweenEchoesInto(workspace.Directory, log, "check", "broken.stream");

        Assert.Equal((1, 1), (alone.ExitCode, logged.ExitCode));
        Assert.NotEmpty(alone.OutputLines);
        string text = File.ReadAllText(log);
        Assert.StartsWith("before\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\nafter\n", text, StringComparison.Ordinal);
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Standard output and standard error may interleave; every line is there, whole.
        Assert.Equal(("before", "after"), (lines[0], lines[^1]));
        Assert.Equal([.. alone.OutputLines.Concat(alone.ErrorLines).Order(StringComparer.Ordinal)], lines[1..^1].Order(StringComparer.Ordinal));
    }

    /// <summary>A job of 10,000 points, each computed by <paramref name="expression"/> (given the point's number).</summary>
    private static string LargeJob(Func<int, string> expression)
    {
        var points = Enumerable.Range(0, 10_000);
        return "job large\nmodel M {\n  ai A: double\n"
            + string.Concat(points.Select(i => $"  ai P{i}: double\n"))
            + "}\nmerge M on A {\n"
            + string.Concat(points.Select(i => $"  P{i} = {expression(i)}\n"))
            + "}\n";
    }
}
