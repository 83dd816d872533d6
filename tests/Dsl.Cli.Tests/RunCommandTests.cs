using System.Text.Json;
using Dsl.TestUtilities;

namespace Dsl.Cli.Tests;

/// <summary><c>dsl run</c>: outputs on stdout or a file, rejected lines counted and reported, exit codes.</summary>
public sealed class RunCommandTests
{
    /// <summary>Two good records and one bad line of every kind; line 8 is blank.</summary>
    private static readonly string[] MixedInput =
    [
        Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2),
        """{"assetId":"d1","modelId":"M","pointId":"A","time":""",
        """{"assetId":"d1","modelId":"M","time":"2026-01-05T10:01:00Z","value":1}""",
        """{"assetId":"d1","modelId":"M","pointId":"A","time":"yesterday","value":1}""",
        """{"assetId":"d1","modelId":"M","pointId":"A","time":"2026-01-05T10:02:00Z","value":"abc"}""",
        """{"assetId":"d1","modelId":"Nope","pointId":"A","time":"2026-01-05T10:03:00Z","value":1}""",
        """{"assetId":7,"modelId":"M","pointId":"A","time":"2026-01-05T10:04:00Z","value":1}""",
        "",
        Jobs.Record("d1", "A", "2026-01-05T10:05:00Z", 3),
        """{"assetId":"d1","modelId":"M","pointId":"A","value":3}""",
    ];

    private static (string Asset, string Point, long Time, double Value, string Mode)[] Outputs(IEnumerable<string> lines) =>
    [
        .. lines.Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var r = json.RootElement;
            return (r.GetProperty("assetId").GetString() ?? "", r.GetProperty("pointId").GetString() ?? "", r.GetProperty("time").GetInt64(),
                r.GetProperty("value").GetDouble(), r.GetProperty("attr").GetProperty("calMode").GetString() ?? "");
        }),
    ];

    private static long Ms(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    [Fact]
    public void Run_counts_every_kind_of_bad_line_reports_its_line_number_and_keeps_going()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", string.Join("\n", MixedInput) + "\n");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [
                ("d1", "Twice", Ms("2026-01-05T10:00:00Z"), 4.0, "ontime"),
                ("d1", "Twice", Ms("2026-01-05T10:05:00Z"), 6.0, "ontime"),
                ("d1", "TwiceMax10m", Ms("2026-01-05T10:00:00Z"), 6.0, "ontime"),
            ],
            Outputs(result.OutputLines).OrderBy(o => o.Point, StringComparer.Ordinal).ThenBy(o => o.Time));

        var errors = result.StandardError;
        Assert.Contains("line 2: malformed_json:", errors, StringComparison.Ordinal);
        Assert.Contains("line 3: missing_field:", errors, StringComparison.Ordinal);
        Assert.Contains("line 4: invalid_time:", errors, StringComparison.Ordinal);
        Assert.Contains("line 5: wrong_value_type:", errors, StringComparison.Ordinal);
        Assert.Contains("line 7: invalid_field:", errors, StringComparison.Ordinal);
        Assert.Contains("line 10: missing_field:", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("line 6:", errors, StringComparison.Ordinal);
        Assert.Contains("  " + MixedInput[4], result.ErrorLines);

        var summary = Assert.Single(result.ErrorLines, l => l.StartsWith("dsl run: ", StringComparison.Ordinal)).Split(' ').ToHashSet(StringComparer.Ordinal);
        foreach (var counter in new[] { "records_read=9", "ignored=1", "outputs=3", "errors=6", "errors.malformed_json=1", "errors.missing_field=2", "errors.invalid_field=1", "errors.invalid_time=1", "errors.wrong_value_type=1" })
            Assert.Contains(counter, summary);
    }

    [Fact]
    public void A_run_that_ignores_every_record_says_which_models_and_points_the_job_reads()
    {
        // modelId "m" is not model "M": ids from another system in another case match nothing, and
        // a summary of ignored=2 outputs=0 alone does not say why.
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", """
            {"assetId":"d1","modelId":"m","pointId":"A","time":"2026-01-05T10:00:00Z","value":2}
            {"assetId":"d1","modelId":"m","pointId":"A","time":"2026-01-05T10:05:00Z","value":3}

            """);

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.OutputLines);
        Assert.Equal(
            [
                "dsl run: every record was ignored: none is of a model and point the job reads (model M: A). Model and point ids are matched exactly, case included.",
                "dsl run: records_read=2 ignored=2 invalid=0 late=0 skipped_missing=0 skipped_attribute=0 invalid_results=0 discarded_steps=0 outputs=0 errors=0",
            ],
            result.ErrorLines);
    }

    [Fact]
    public void A_resumable_run_that_ignores_every_record_says_so_too()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", """{"assetId":"d1","modelId":"M","pointId":"a","time":"2026-01-05T10:00:00Z","value":2}""" + "\n");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl", "--state", "state");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("dsl run: every record was ignored: none is of a model and point the job reads (model M: A). Model and point ids are matched exactly, case included.", result.ErrorLines);
        Assert.StartsWith("dsl run: records_read=1 ignored=1 ", result.ErrorLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_of_records_timed_in_epoch_seconds_says_what_their_times_read_as()
    {
        // 1767607200 is 2026-01-05T10:00:00Z in seconds; as milliseconds, 1970-01-21T11:00:07.2Z.
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", """
            {"assetId":"d1","modelId":"M","pointId":"A","time":1767607200000,"value":1}
            {"assetId":"d1","modelId":"M","pointId":"A","time":1767607200,"value":2}
            {"assetId":"d1","modelId":"M","pointId":"A","time":1767607500,"value":3}

            """);

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl");
        var resumable = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl", "--state", "state");

        const string Note = "dsl run: 2 records have a time before 1973, the first on line 2: \"time\" is epoch milliseconds, and 1767607200 is 1970-01-21T11:00:07.2Z as milliseconds; as epoch seconds it would be 2026-01-05T10:00:00Z.";
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Note, result.ErrorLines[^2]);
        Assert.True(resumable.ExitCode == 0, resumable.ToString());
        Assert.Contains(Note, resumable.ErrorLines);
    }

    [Fact]
    public void A_run_of_records_from_before_1970_or_after_early_1973_says_nothing_of_seconds()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "1969-12-31T23:00:00Z", 2) + "\n" + Jobs.Record("d1", "A", "1973-03-03T09:46:40Z", 3) + "\n");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Each record's Twice, and the maximum of each of their two windows.
        Assert.Equal(["dsl run: records_read=2 ignored=0 invalid=0 late=0 skipped_missing=0 skipped_attribute=0 invalid_results=0 discarded_steps=0 outputs=4 errors=0"], result.ErrorLines);
    }

    [Fact]
    public void A_run_of_records_timed_in_1971_by_ISO_strings_says_nothing_of_seconds()
    {
        // A date written out cannot be epoch seconds mistaken for milliseconds.
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "1971-06-01T00:00:00Z", 2) + "\n");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["dsl run: records_read=1 ignored=0 invalid=0 late=0 skipped_missing=0 skipped_attribute=0 invalid_results=0 discarded_steps=0 outputs=2 errors=0"], result.ErrorLines);
    }

    [Fact]
    public void A_run_that_uses_one_record_says_nothing_of_those_it_ignores()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n" + Jobs.Record("d1", "B", "2026-01-05T10:05:00Z", 3) + "\n");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["dsl run: records_read=2 ignored=1 invalid=0 late=0 skipped_missing=0 skipped_attribute=0 invalid_results=0 discarded_steps=0 outputs=2 errors=0"], result.ErrorLines);
    }

    [Fact]
    public void Run_with_strict_exits_1_when_a_line_was_rejected_but_still_writes_every_output()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", string.Join("\n", MixedInput) + "\n");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--strict");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, result.OutputLines.Length);
    }

    [Fact]
    public void Run_with_strict_on_clean_input_exits_0()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--strict");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, result.OutputLines.Length);
    }

    [Fact]
    public void Run_reads_standard_input_when_the_input_is_a_dash()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        var input = Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 1.5) + "\n" + Jobs.Record("d2", "A", "2026-01-05T10:00:00Z", -1) + "\n";

        var result = workspace.DslWithInput(input, "run", "job.stream", "--input", "-");

        Assert.True(result.ExitCode == 0, result.ToString());
        var outputs = Outputs(result.OutputLines);
        Assert.Equal(4, outputs.Length);
        Assert.Contains(("d1", "Twice", Ms("2026-01-05T10:00:00Z"), 3.0, "ontime"), outputs);
        Assert.Contains(("d2", "TwiceMax10m", Ms("2026-01-05T10:00:00Z"), -2.0, "ontime"), outputs);
    }

    [Fact]
    public void Run_writes_to_the_output_file_and_applies_the_asset_master_data()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n" + Jobs.Record("d2", "A", "2026-01-05T10:00:00Z", 2) + "\n");
        workspace.Write("assets.json", """[{"assetId":"d1","modelId":"M","attributes":{"Factor":5}}]""");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl", "--assets", "assets.json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StandardOutput);
        var outputs = Outputs(workspace.Read("out.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(("d1", "Twice", Ms("2026-01-05T10:00:00Z"), 10.0, "ontime"), outputs);
        Assert.Contains(("d2", "Twice", Ms("2026-01-05T10:00:00Z"), 4.0, "ontime"), outputs);
    }

    /// <summary>
    /// Named pipes as the input and the asset data, each fed once by a writer: checking that they
    /// can be read must not open them, which would take the writer's data and close it away.
    /// </summary>
    [Fact]
    public void Run_reads_its_input_and_asset_master_data_from_named_pipes()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");
        workspace.Write("assets.json", """[{"assetId":"d1","modelId":"M","attributes":{"Factor":5}}]""");

        var result = DslCli.RunAfterShell(workspace.Directory, "mkfifo in.pipe assets.pipe && { cat in.jsonl > in.pipe & cat assets.json > assets.pipe & }",
            "run", "job.stream", "--input", "in.pipe", "--assets", "assets.pipe");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(("d1", "Twice", Ms("2026-01-05T10:00:00Z"), 10.0, "ontime"), Outputs(result.OutputLines));
    }

    /// <summary>A named pipe cannot be read again from a position either: refused as standard input is, without waiting for its writer.</summary>
    [Fact]
    public void A_resumable_run_reading_a_named_pipe_is_a_usage_error()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        // No writer ever opens the pipe: opening it to check would wait for one until the test's safety net.
        var result = DslCli.RunAfterShell(workspace.Directory, "mkfifo in.pipe", "run", "job.stream", "--input", "in.pipe", "--output", "out.jsonl", "--state", "state");
        // Nor does a reader open the output's: opening it for writing would wait for one.
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");
        var output = DslCli.RunAfterShell(workspace.Directory, "mkfifo out.pipe", "run", "job.stream", "--input", "in.jsonl", "--output", "out.pipe", "--state", "state");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("dsl run: error DSL5007: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(2, output.ExitCode);
        Assert.StartsWith("dsl run: error DSL5007: --state needs the output to be a file", Assert.Single(output.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(workspace.Directory, "state")));
    }

    [Fact]
    public void Run_with_unreadable_asset_master_data_exits_1_with_a_message()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");
        workspace.Write("assets.json", "{ not json");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--assets", "assets.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("assets.json", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    /// <summary>
    /// Where the file stops being JSON, as an editor counts (the reader's own "LineNumber: 2 |
    /// BytePositionInLine: 0" counts from 0), without the reader's advice to its program.
    /// </summary>
    [Fact]
    public void Asset_master_data_that_is_not_json_is_reported_at_its_line_and_column()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");
        workspace.Write("assets.json", "[\n  {\"assetId\":\"d1\"},\n]\n");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--assets", "assets.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "dsl run: assets.json: the asset master data cannot be read: not valid JSON at line 3, column 1: The JSON array contains a trailing comma at the end, which JSON does not allow.",
            result.StandardError.Trim());
    }

    [Fact]
    public void An_unknown_time_zone_in_the_asset_master_data_stops_the_run_before_it_starts_naming_the_asset()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");
        workspace.Write("assets.json", """[{"assetId":"d1","modelId":"M"},{"assetId":"d9","modelId":"M","timezone":"Mars/Olympus_Mons"}]""");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl", "--assets", "assets.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "dsl run: assets.json: the asset master data cannot be read: The time zone \"Mars/Olympus_Mons\" of asset \"d9\" is not known on this machine.",
            result.StandardError.Trim());
        Assert.False(workspace.Exists("out.jsonl"));
    }

    [Fact]
    public void A_resumable_run_in_one_megabyte_of_state_memory_writes_what_a_plain_run_writes()
    {
        // Lateness keeps every closed window of 5,000 assets in the keyed state for half an hour:
        // far more entries than a megabyte's cache holds, so most of them live in the store's log.
        using var workspace = new Workspace();
        workspace.Write("job.stream", """
            job spill
            settings { lateness 30m }
            model M {
              ai A: double
              ai Avg10m
            }
            aggregate M window tumbling 10m {
              Avg10m = avg(A)
            }
            """);
        var lines = new System.Text.StringBuilder();
        for (var minute = 0; minute < 40; minute += 5)
        {
            for (var asset = 0; asset < 5000; asset++)
                lines.Append(Jobs.Record($"d{asset}", "A", $"2026-01-05T10:{minute:00}:00Z", asset + minute)).Append('\n');
        }
        workspace.Write("in.jsonl", lines.ToString());

        var plain = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "plain.jsonl");
        var durable = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "durable.jsonl", "--state", "state", "--state-memory", "1");

        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.True(durable.ExitCode == 0, durable.ToString());
        Assert.Equal(20_000, workspace.Read("plain.jsonl").Count(c => c == '\n'));
        Assert.Equal(workspace.Read("plain.jsonl"), workspace.Read("durable.jsonl"));

        // The budget took: entries went to the store's log on disk (with the default 256 MB it stays empty).
        Assert.Contains(workspace.Files(), f => Path.GetFileName(f).StartsWith("hlog.log.", StringComparison.Ordinal) && new FileInfo(Path.Combine(workspace.Directory, f)).Length > 0);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("256MB")]
    [InlineData("2000000")]
    public void A_state_memory_that_is_not_a_whole_number_of_megabytes_is_a_usage_error(string memory)
    {
        using var workspace = new Workspace();
        var result = RunResumable(workspace, "--state-memory", memory);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--state-memory: \"{memory}\" is not a whole number of megabytes", result.StandardError, StringComparison.Ordinal);
        // A usage error in the words of the command line ends with where the help is (cli.md).
        Assert.Equal("Run 'dsl run --help' for usage.", result.ErrorLines[^1]);
        Assert.False(workspace.Exists("out.jsonl"));
    }

    [Theory]
    [InlineData("jobs", "start", "power", "--bogus")]
    [InlineData("jobs", "pause", "-x")]
    [InlineData("check", "--strict", "job.stream")]
    public void An_unknown_option_is_a_usage_error_and_not_an_argument(params string[] args)
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        var result = workspace.Dsl(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"dsl: Unrecognized command or argument '{args.First(a => a.StartsWith('-'))}'.", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public void After_a_double_dash_a_dash_word_is_a_file_name()
    {
        using var workspace = new Workspace();
        workspace.Write("-job.stream", Jobs.Chained);

        var result = workspace.Dsl("check", "--", "-job.stream");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Checked 1 file: 0 errors", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--state-memory", "64")]
    [InlineData("--checkpoint-interval", "5s")]
    public void A_resumable_runs_option_without_state_is_a_usage_error(string option, string value)
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{option} applies to a resumable run; give --state DIR as well", result.StandardError, StringComparison.Ordinal);
        Assert.False(workspace.Exists("out.jsonl"));
    }

    [Theory]
    [InlineData("1d")]
    [InlineData("ten")]
    [InlineData("-5s")]
    [InlineData("99999999999h")]
    [InlineData("876001h")]
    [InlineData("10")] // seconds or milliseconds? A unit is asked for, as in the language.
    public void A_checkpoint_interval_that_is_not_a_duration_names_the_units(string interval)
    {
        using var workspace = new Workspace();
        var result = RunResumable(workspace, "--checkpoint-interval", interval);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--checkpoint-interval: \"{interval}\" is not a duration in ms, s, m or h", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_interval_may_be_given_in_hours()
    {
        using var workspace = new Workspace();
        var result = RunResumable(workspace, "--checkpoint-interval", "1h");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Run_with_a_missing_input_file_is_a_usage_error()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        var result = workspace.Dsl("run", "job.stream", "--input", "nowhere.jsonl");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nowhere.jsonl", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_with_a_missing_job_file_is_a_usage_error()
    {
        using var workspace = new Workspace();
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");

        var result = workspace.Dsl("run", "nowhere.stream", "--input", "in.jsonl");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nowhere.stream", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("in.jsonl")]
    [InlineData("./in.jsonl")]
    [InlineData("job.stream")]
    public void An_output_that_is_a_file_the_run_reads_is_refused_and_the_file_kept(string output)
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        string input = Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n";
        workspace.Write("in.jsonl", input);

        var plain = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", output);
        var resumable = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", output, "--state", "state");

        Assert.Equal((2, 2), (plain.ExitCode, resumable.ExitCode));
        Assert.Contains("is also a file the command reads", plain.StandardError, StringComparison.Ordinal);
        Assert.Equal(input, workspace.Read("in.jsonl"));
        Assert.Equal(Jobs.Chained, workspace.Read("job.stream"));
    }

    /// <summary>A file the job imports is one the run reads too: written, every later run would fail to compile.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_output_that_is_a_file_the_job_imports_is_refused_and_the_file_kept(bool resumable)
    {
        using var workspace = new Workspace();
        const string models = "model M {\n  ai A: double\n  ai B: double\n}\n";
        workspace.Write("models.stream", models);
        workspace.Write("job.stream", "job imports\nimport \"models.stream\"\nmerge M on A {\n  B = A * 2\n}\n");
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");

        var result = resumable
            ? workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "models.stream", "--state", "state")
            : workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "models.stream");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["dsl run: the output models.stream is also a file the command reads (models.stream, which the job imports); writing it would empty it first. Write the output to another file."], result.ErrorLines);
        Assert.Equal(models, workspace.Read("models.stream"));
    }

    /// <summary>Standard input named by a path is standard input all the same: refused as "-" is, before the state directory is made.</summary>
    [Fact]
    public void A_resumable_run_reading_a_pipe_by_its_path_is_a_usage_error_that_makes_nothing()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        var result = DslCli.Run(workspace.Directory, ["run", "job.stream", "--input", "/dev/stdin", "--output", "out.jsonl", "--state", "state"], standardInput: Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("dsl run: error DSL5007: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(workspace.Exists("state") || Directory.Exists(Path.Combine(workspace.Directory, "state")));
        Assert.False(workspace.Exists("out.jsonl"));
    }

    /// <summary>A pipe (standard output into another command) cannot be cut back to a checkpoint: a usage error, not an internal one.</summary>
    [Fact]
    public void A_resumable_run_whose_output_is_a_pipe_is_a_usage_error()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");

        // The test's standard output is a pipe to the test host.
        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "/dev/stdout", "--state", "state");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("dsl run: error DSL5007: --state needs the output to be a file", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-s in.jsonl link.jsonl", "in.jsonl", "link.jsonl")] // a link's target relative to its folder
    [InlineData("-s in.jsonl link.jsonl", "link.jsonl", "in.jsonl")]
    [InlineData("-s ABSOLUTE link.jsonl", "in.jsonl", "link.jsonl")]
    [InlineData("in.jsonl hard.jsonl", "in.jsonl", "hard.jsonl")] // a hard link: the same file under two names
    [InlineData("in.jsonl hard.jsonl", "hard.jsonl", "in.jsonl")]
    public void An_output_through_a_link_to_the_input_is_refused(string link, string input, string output)
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        string records = Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n";
        workspace.Write("in.jsonl", records);
        string[] ln = link.Replace("ABSOLUTE", System.IO.Path.Combine(workspace.Directory, "in.jsonl"), StringComparison.Ordinal).Split(' ');
        using (var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ln", ln) { WorkingDirectory = workspace.Directory }))
            process!.WaitForExit();

        var result = workspace.Dsl("run", "job.stream", "--input", input, "--output", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is also a file the command reads", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(records, workspace.Read("in.jsonl"));
    }

    [FullDeviceTheory]
    [InlineData("/dev/full", "dsl run: /dev/full: no space left on the device")]
    public void An_output_that_cannot_be_written_is_one_line_and_exit_1(string output, string expected)
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", output);

        Assert.Equal((1, expected), (result.ExitCode, Assert.Single(result.ErrorLines)));
    }

    /// <summary>
    /// An output whose folder is missing, or is a file, is named as written, before the job runs
    /// (a resumable run makes no state either), not in .NET's words for the absolute path.
    /// </summary>
    [Theory]
    [InlineData("missing-folder/out.jsonl", false, "dsl run: cannot write missing-folder/out.jsonl: no such folder: missing-folder")]
    [InlineData("missing-folder/out.jsonl", true, "dsl run: cannot write missing-folder/out.jsonl: no such folder: missing-folder")]
    [InlineData("in.jsonl/out.jsonl", false, "dsl run: cannot write in.jsonl/out.jsonl: in.jsonl is a file, not a folder")]
    [InlineData("in.jsonl/out.jsonl", true, "dsl run: cannot write in.jsonl/out.jsonl: in.jsonl is a file, not a folder")]
    public void An_output_in_a_folder_that_is_not_there_is_named_in_one_line_and_exit_1(string output, bool resumable, string expected)
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");
        string[] state = resumable ? ["--state", "state"] : [];

        var result = workspace.Dsl(["run", "job.stream", "--input", "in.jsonl", "--output", output, .. state]);

        Assert.Equal((1, expected), (result.ExitCode, Assert.Single(result.ErrorLines)));
        Assert.Equal(["in.jsonl", "job.stream"], workspace.Files());
    }

    /// <summary>
    /// An output file, or a state folder, that the file system will not create (/proc takes no new
    /// entries) is named with the reason in one line, exit 1, not in .NET's "Could not find file".
    /// </summary>
    [ProcFileSystemFact]
    public void An_output_or_state_the_file_system_refuses_is_named_with_the_reason()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");

        var output = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "/proc/dsl-run-out.jsonl");
        var resumableOutput = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "/proc/dsl-run-out.jsonl", "--state", "state");
        var state = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl", "--state", "/proc/dsl-run-state");

        Assert.Equal((1, "dsl run: cannot write /proc/dsl-run-out.jsonl: /proc does not allow new files in it"), (output.ExitCode, Assert.Single(output.ErrorLines)));
        Assert.Equal((1, "dsl run: cannot write /proc/dsl-run-out.jsonl: /proc does not allow new files in it"), (resumableOutput.ExitCode, Assert.Single(resumableOutput.ErrorLines)));
        Assert.Equal((1, "dsl run: cannot create the folder /proc/dsl-run-state: /proc does not allow new folders in it"), (state.ExitCode, Assert.Single(state.ErrorLines)));
    }

    /// <summary>
    /// An empty output or path argument ("$OUT" with the variable unset) is a usage error that says
    /// it is empty, not an internal error or "no such file: " with nothing after the colon; nothing
    /// is made (dsl init with an empty --remote makes no workspace).
    /// </summary>
    [Theory]
    [InlineData("dsl run: --output is empty: name a file, or - for standard output.", "run", "job.stream", "--input", "in.jsonl", "--output", "")]
    [InlineData("dsl run: --output is empty: name a file, or - for standard output.", "run", "job.stream", "--input", "in.jsonl", "--output", "", "--state", "state")]
    [InlineData("dsl build: --output is empty: name a folder.", "build", "job.stream", "-o", "")]
    [InlineData("dsl check: a path is empty where a file or folder belongs: name a file or folder.", "check", "job.stream", "")]
    [InlineData("dsl fmt: a path is empty where a file or folder belongs: name a file or folder.", "fmt", "")]
    [InlineData("dsl build: a path is empty where a file belongs: name a file.", "build", "")]
    [InlineData("dsl graph: a path is empty where a file belongs: name a file.", "graph", "")]
    [InlineData("dsl run: a path is empty where a file belongs: name a file.", "run", "job.stream", "--input", "")]
    [InlineData("dsl init: a path is empty where a folder belongs: name a folder.", "init", "")]
    [InlineData("dsl init: --remote is empty: name the daemon's repository (DATA/jobs.git or http://HOST:PORT/git/jobs.git), or leave the option out.", "init", "ws", "--remote", "")]
    public void An_empty_output_or_path_is_a_usage_error_in_one_line(string expected, params string[] args)
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");

        var result = workspace.Dsl(args);

        Assert.Equal((2, expected), (result.ExitCode, Assert.Single(result.ErrorLines)));
        Assert.Equal(["in.jsonl", "job.stream"], workspace.Files());
    }

    /// <summary>
    /// A resumable run cuts its output back to its last checkpoint, which a device cannot take: it is
    /// refused before anything is made, not stopped in .NET's words ("Invalid argument : '/dev/full'").
    /// </summary>
    [Fact]
    public void A_resumable_run_refuses_an_output_that_is_no_regular_file()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "/dev/full", "--state", "state");

        Assert.Equal(
            (2, "dsl run: --output /dev/full: it is not a regular file, so it cannot be cut back to a checkpoint; write a resumable run's output to a file."),
            (result.ExitCode, Assert.Single(result.ErrorLines)));
        Assert.Equal(["in.jsonl", "job.stream"], workspace.Files());
    }

    /// <summary>A file given where the state folder, or a folder on its way, belongs is a usage error, as a file given as serve's --data is.</summary>
    [Theory]
    [InlineData("in.jsonl", "dsl run: --state in.jsonl: in.jsonl is a file, not a folder; name a folder (it is created when missing).")]
    [InlineData("in.jsonl/state", "dsl run: --state in.jsonl/state: in.jsonl is a file, not a folder; name a folder (it is created when missing).")]
    public void A_file_in_the_place_of_the_state_folder_is_a_usage_error_that_names_it(string state, string expected)
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl", "--state", state);

        Assert.Equal((2, expected), (result.ExitCode, Assert.Single(result.ErrorLines)));
        Assert.Equal(["in.jsonl", "job.stream"], workspace.Files());
    }

    [Fact]
    public void A_folder_given_as_the_input_or_the_output_is_a_usage_error_that_says_so()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(workspace.Directory, "folder"));

        var input = workspace.Dsl("run", "job.stream", "--input", "folder");
        var output = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "folder");

        Assert.Equal((2, 2), (input.ExitCode, output.ExitCode));
        Assert.Contains("folder is a directory, not a file", input.StandardError, StringComparison.Ordinal);
        Assert.Contains("the output folder is a directory", output.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "folder", "--input", "in.jsonl")]
    [InlineData("preview", "folder", "--input", "in.jsonl")]
    [InlineData("graph", "folder")]
    [InlineData("build", "folder")]
    public void A_folder_given_as_the_job_is_a_usage_error_that_says_so(params string[] arguments)
    {
        using var workspace = new Workspace();
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(workspace.Directory, "folder"));

        var result = workspace.Dsl(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("folder is a directory, not a file", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// A state directory refused at its door (here one that holds another's file) leaves no empty
    /// output behind, and an output that was there before is kept as it was, an empty one too.
    /// </summary>
    [Theory]
    [InlineData("kept\n")]
    [InlineData("")]
    public void A_refused_state_directory_leaves_no_empty_output_and_keeps_an_existing_one(string before)
    {
        using var workspace = new Workspace();
        workspace.Write("state/notes.txt", "mine");

        var fresh = RunResumable(workspace);
        bool leftBehind = workspace.Exists("out.jsonl");
        workspace.Write("out.jsonl", before);
        var existing = RunResumable(workspace);

        Assert.Equal(1, fresh.ExitCode);
        Assert.StartsWith("dsl run: error DSL5011: ", fresh.StandardError, StringComparison.Ordinal);
        Assert.False(leftBehind);
        Assert.Equal(1, existing.ExitCode);
        Assert.True(workspace.Exists("out.jsonl"));
        Assert.Equal(before, workspace.Read("out.jsonl"));
    }

    /// <summary>A resumable run of a one-record input with the options given.</summary>
    private static CliResult RunResumable(Workspace workspace, params string[] options)
    {
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");
        return workspace.Dsl(["run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl", "--state", "state", .. options]);
    }
}
