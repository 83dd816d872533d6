namespace Dsl.Cli.Tests;

/// <summary><c>dsl preview</c>: a table of the outputs of the first N records and a summary; nothing written.</summary>
public sealed class PreviewCommandTests
{
    private static readonly string Input = string.Join("\n",
    [
        Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 1),
        Jobs.Record("d1", "A", "2026-01-05T10:05:00Z", 2),
        Jobs.Record("d1", "A", "2026-01-05T10:12:00Z", 3),
        Jobs.Record("d1", "A", "2026-01-05T10:25:00Z", 40),
        Jobs.Record("d1", "A", "2026-01-05T10:31:00Z", 50),
    ]) + "\n";

    [Fact]
    public void Preview_runs_the_first_records_prints_a_table_and_a_summary_and_writes_no_file()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Input);
        var before = workspace.Files();

        var result = workspace.Dsl("preview", "job.stream", "--input", "in.jsonl", "--limit", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(before, workspace.Files());
        var lines = result.OutputLines;
        Assert.Equal(["asset", "point", "time", "(UTC)", "value", "mode"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("^[- ]+$", lines[1]);

        // Records 10:00, 10:05, 10:12: Twice 2, 4, 6; the 10:00 window (max 4) when 10:12 arrives; 10:10 (max 6) at the end.
        var rows = lines.Skip(2).TakeWhile(l => !l.StartsWith("records read", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(c => $"{c[0]} {c[1]} {c[3]} {c[4]} {c[5]}")
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(
            [
                "d1 Twice 10:00:00 2 ontime",
                "d1 Twice 10:05:00 4 ontime",
                "d1 Twice 10:12:00 6 ontime",
                "d1 TwiceMax10m 10:00:00 4 ontime",
                "d1 TwiceMax10m 10:10:00 6 ontime",
            ],
            rows);
        Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["records", "read", "3"]);
        Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["outputs", "5"]);
        Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["rejected", "lines", "0"]);
    }

    /// <summary>
    /// Asset ids in a script a terminal draws two columns wide, or with a combining accent, keep the
    /// table's columns in line: each row's point starts at the same column on the screen.
    /// </summary>
    [Fact]
    public void Preview_aligns_its_columns_by_what_a_terminal_shows()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", string.Concat(new[] { "风机01", "e\u0301x", "plain" }.Select(asset => Jobs.Record(asset, "A", "2026-01-05T10:00:00Z", 1) + "\n")));

        var result = workspace.Dsl("preview", "job.stream", "--input", "in.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.OutputLines.Skip(2).TakeWhile(l => l.Length > 0 && !l.StartsWith("records read", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, rows.Count);
        // Columns on the screen: two for each CJK character, none for the combining accent.
        static int ScreenColumn(string line, int index) => line[..index].EnumerateRunes().Sum(r =>
            r.Value is >= 0x4E00 and <= 0x9FFF ? 2 : System.Text.Rune.GetUnicodeCategory(r) == System.Globalization.UnicodeCategory.NonSpacingMark ? 0 : 1);
        var pointColumns = rows.Select(row => ScreenColumn(row, row.IndexOf("Twice", StringComparison.Ordinal))).Distinct();
        Assert.Single(pointColumns);
    }

    [Fact]
    public void Preview_lists_rejected_lines_in_its_summary()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Input.Replace("\"value\":2}", "\"value\":\"two\"}", StringComparison.Ordinal));

        var result = workspace.Dsl("preview", "job.stream", "--input", "in.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.OutputLines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["records", "read", "5"]);
        Assert.Contains(result.OutputLines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["rejected", "lines", "1"]);
        Assert.Contains(result.OutputLines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["wrong_value_type", "1"]);
        Assert.Contains(result.OutputLines, l => l.StartsWith("line 2: wrong_value_type", StringComparison.Ordinal));
    }

    [Fact]
    public void Preview_of_an_input_that_cannot_be_read_is_a_one_line_error()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        var locked = workspace.Write("in.jsonl", Input);
        // Another process holding the file exclusively makes reading it fail, even for root.
        using var holder = new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var result = workspace.Dsl("preview", "job.stream", "--input", "in.jsonl");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("dsl preview: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("in.jsonl", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// A record a year after the one before it, at one fill window a second: 31 million zeros. The
    /// preview stops at a million, in one line and exit 1, where it used to grow a buffer to its
    /// limit and fail with "Stream was too long".
    /// </summary>
    [Fact]
    public void Preview_whose_records_make_millions_of_outputs_stops_saying_why()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", """
            job fill_seconds
            settings { timezone "UTC" }
            model M {
              ai A: double
              ai Samples
            }
            aggregate M window tumbling 1s {
              Samples = count(A) fill 0
            }
            """);
        workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 1) + "\n" + Jobs.Record("d1", "A", "2027-01-05T10:00:00Z", 1) + "\n");

        var result = workspace.Dsl("preview", "job.stream", "--input", "in.jsonl");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "dsl preview: the preview stopped after 1,000,000 outputs: fill and merge every emit for each window and grid time between an asset's records, "
            + "so a record far ahead of the one before it makes that many; preview fewer records (--limit), or look at their times",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Preview_with_a_limit_that_is_not_positive_is_a_usage_error()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Input);

        var result = workspace.Dsl("preview", "job.stream", "--input", "in.jsonl", "--limit", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--limit", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_counts_records_not_blank_lines_and_reports_lines_by_their_number_in_the_file()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", "\n  \n\n" + Input.Replace("\"value\":2}", "\"value\":\"two\"}", StringComparison.Ordinal));

        var result = workspace.Dsl("preview", "job.stream", "--input", "in.jsonl", "--limit", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.OutputLines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["records", "read", "3"]);
        Assert.Contains(result.OutputLines, l => l.StartsWith("line 5: wrong_value_type", StringComparison.Ordinal));
    }

    /// <summary>Preview reads the bytes <c>dsl run</c> reads: no decoding that would mend what run rejects or split what run keeps whole.</summary>
    [Fact]
    public void Preview_reads_lines_as_run_does_bytes_that_are_not_UTF_8_are_rejected_and_a_lone_carriage_return_ends_no_line()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        string notUtf8 = Jobs.Record("d\u00ff1", "A", "2026-01-05T10:00:00Z", 1);
        string splitByCarriageReturn = Jobs.Record("d1", "A", "2026-01-05T10:05:00Z", 2).Replace(",\"time\"", ",\r\"time\"", StringComparison.Ordinal);
        string text = "\uFEFF" + Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 1) + "\n" + notUtf8 + "\n" + splitByCarriageReturn + "\r\n";
        // Latin-1 writes each char as one byte: \u00ff is the byte 0xFF, which is not UTF-8.
        File.WriteAllBytes(Path.Combine(workspace.Directory, "in.jsonl"), [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.Latin1.GetBytes(text[1..])]);

        var preview = workspace.Dsl("preview", "job.stream", "--input", "in.jsonl");
        var run = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "out.ndjson");

        Assert.True(preview.ExitCode == 0, preview.ToString());
        Assert.Contains(preview.OutputLines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["records", "read", "3"]);
        Assert.Contains(preview.OutputLines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["rejected", "lines", "1"]);
        Assert.Contains(preview.OutputLines, l => l.StartsWith("line 2: malformed_json: a string is not valid UTF-8", StringComparison.Ordinal));
        Assert.Contains("records_read=3 ", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("errors=1 errors.malformed_json=1", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_summary_counts_invalid_results_and_discarded_meter_steps()
    {
        const string job = """
            job checks

            model Meter {
              ai P: double
              pi Register: double kWh
              ai Root
              pi Hourly kWh
            }

            merge Meter on P {
              Root = sqrt(P)
            }

            energy Meter from Register by meter {
              slope [0, 10]
              every 1h Hourly
            }
            """;
        using var workspace = new Workspace();
        workspace.Write("job.stream", job);
        workspace.Write("in.jsonl", string.Join("\n",
        [
            Line("P", "2026-01-05T10:00:00Z", -1),
            Line("P", "2026-01-05T10:01:00Z", -4),
            Line("Register", "2026-01-05T10:00:00Z", 100),
            Line("Register", "2026-01-05T10:30:00Z", 10_000),
        ]) + "\n");

        var result = workspace.Dsl("preview", "job.stream", "--input", "in.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.OutputLines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["invalid", "results", "2"]);
        Assert.Contains(result.OutputLines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["discarded", "steps", "1"]);
    }

    [Fact]
    public void Preview_counts_skips_for_a_missing_value_apart_from_skips_for_an_absent_attribute()
    {
        const string job = """
            job skips

            model Meter {
              ai P: double
              ai Q: double
              attribute Rated: double
              ai Sum
              ai Load
            }

            merge Meter on P {
              Sum = P + Q
              Load = P / Rated
            }
            """;
        using var workspace = new Workspace();
        workspace.Write("job.stream", job);
        // Q is never seen and the asset has no master data: each of the two P records skips Sum
        // for the missing Q and Load for the absent Rated.
        workspace.Write("in.jsonl", string.Join("\n",
        [
            Line("P", "2026-01-05T10:00:00Z", 1),
            Line("P", "2026-01-05T10:01:00Z", 2),
        ]) + "\n");

        var result = workspace.Dsl("preview", "job.stream", "--input", "in.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.OutputLines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["skipped", "(missing)", "2"]);
        Assert.Contains(result.OutputLines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["skipped", "(attribute)", "2"]);
    }

    private static string Line(string point, string isoTime, double value) =>
        $$"""{"assetId":"m1","modelId":"Meter","pointId":"{{point}}","time":"{{isoTime}}","value":{{value}}}""";

    [Fact]
    public void Preview_shows_booleans_as_the_language_writes_them_and_times_to_the_millisecond()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", """
            job flags
            model M {
              ai A
              generic Hot: bool
            }
            merge M on A {
              Hot = A > 5
            }

            """);
        workspace.Write("in.jsonl", string.Join("\n",
        [
            """{"assetId":"d1","modelId":"M","pointId":"A","time":1767607200500,"value":7}""",
            """{"assetId":"d1","modelId":"M","pointId":"A","time":1767607200900,"value":1}""",
            """{"assetId":"d1","modelId":"M","pointId":"A","time":1767607201000,"value":9}""",
        ]) + "\n");

        var result = workspace.Dsl("preview", "job.stream", "--input", "in.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.OutputLines.Skip(2).TakeWhile(l => !l.StartsWith("records read", StringComparison.Ordinal))
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(
            [
                "d1 Hot 2026-01-05 10:00:00.500 true ontime",
                "d1 Hot 2026-01-05 10:00:00.900 false ontime",
                "d1 Hot 2026-01-05 10:00:01 true ontime",
            ],
            rows);
    }

    [Fact]
    public void Preview_shows_a_line_break_or_tab_in_a_string_escaped_on_the_row()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", """
            job labels
            model M {
              ai A
              generic Label: string
            }
            merge M on A {
              Label = if A > 5 then "high\nand\tdry" else "low"
            }

            """);
        workspace.Write("in.jsonl", """{"assetId":"d1","modelId":"M","pointId":"A","time":1767607200000,"value":7}""" + "\n");

        var result = workspace.Dsl("preview", "job.stream", "--input", "in.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.OutputLines.Skip(2).TakeWhile(l => !l.StartsWith("records read", StringComparison.Ordinal))
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(["d1 Label 2026-01-05 10:00:00 high\\nand\\tdry ontime"], rows);
    }
}
