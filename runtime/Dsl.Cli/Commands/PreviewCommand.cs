using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Dsl.Cli.Reporting;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Sinks;
using Dsl.Runtime.Sources;

namespace Dsl.Cli.Commands;

/// <summary>
/// <c>dsl preview FILE --input IN [--limit N]</c>: runs the job on the first N records and
/// prints its outputs as a table with a summary. Writes nothing.
/// </summary>
public static class PreviewCommand
{
    private const int DefaultLimit = 1000;
    private const int MaxRowsShown = 50;

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The job's .stream file." };
        var input = new Option<string>("--input", "-i") { Description = "NDJSON input records; - for stdin.", Required = true };
        var limit = new Option<int>("--limit", "-n") { Description = "How many input records to use.", DefaultValueFactory = _ => DefaultLimit };
        var assets = new Option<string?>("--assets") { Description = "Asset master data (JSON)." };
        var command = new Command("preview", "Run a job on a small batch and show its outputs.") { file, input, limit, assets };
        command.SetAction(result => Run(result.GetValue(file) ?? "", result.GetValue(input) ?? "-", result.GetValue(limit), result.GetValue(assets), Console.Out));
        return command;
    }

    public static int Run(string file, string input, int limit, string? assets, TextWriter console)
    {
        if (limit <= 0)
        {
            Console.Error.WriteLine("dsl preview: --limit must be a positive number of records.");
            return ExitCodes.Usage;
        }
        RunCounters counters;
        using var outputs = new PreviewOutput(MaxRowsShown, CancellationToken.None);
        using var errors = new StringWriter(CultureInfo.InvariantCulture);
        using (var job = RunnableJob.Prepare("preview", file, input, assets, out var exitCode))
        {
            if (job is null)
                return exitCode;
            using var batch = FirstLines(input, limit);
            try
            {
                counters = JobRunner.Run(job.Loaded.Job, batch, outputs, new JobSessionOptions(job.Assets, ErrorLog: errors));
            }
            catch (PreviewTooLargeException)
            {
                Console.Error.WriteLine($"dsl preview: the preview stopped after {PreviewOutput.Ceiling:N0} outputs: {PreviewOutput.Cause}; preview fewer records (--limit), or look at their times");
                return ExitCodes.UserError;
            }
        }

        PrintTable(console, outputs.Kept, outputs.Lines);
        console.WriteLine();
        PrintSummary(console, counters);
        if (errors.ToString().Length > 0)
            console.Write(errors.ToString());
        return ExitCodes.Success;
    }

    /// <summary>
    /// The input up to its <paramref name="limit"/>th record, as a stream of its own. Lines are
    /// split and copied as bytes exactly as <c>dsl run</c> reads them, so that the records and the
    /// lines rejected are the same (text decoding would replace bytes that are not UTF-8 and end
    /// lines at a lone carriage return). A blank line is no record (docs/runtime.md) and does not
    /// count; it is copied all the same, so that the error log's line numbers are the file's.
    /// </summary>
    private static MemoryStream FirstLines(string input, int limit)
    {
        var batch = new MemoryStream();
        using (var source = InputFiles.OpenInput(input))
        {
            var lines = new Utf8LineReader(source);
            for (var records = 0; records < limit && lines.TryReadLine(out ReadOnlySpan<byte> line);)
            {
                batch.Write(line);
                batch.WriteByte((byte)'\n');
                if (!NdjsonRecordReader.IsBlank(line))
                    records++;
            }
        }
        batch.Position = 0;
        return batch;
    }

    /// <summary>The first outputs (<paramref name="shown"/>, NDJSON) as a table, and how many of <paramref name="total"/> are not shown.</summary>
    private static void PrintTable(TextWriter console, ReadOnlySpan<byte> shown, long total)
    {
        string[] header = ["asset", "point", "time (UTC)", "value", "mode"];
        var rows = new List<string[]>();
        foreach (var line in System.Text.Encoding.UTF8.GetString(shown).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var record = JsonDocument.Parse(line);
            var root = record.RootElement;
            rows.Add([
                PrintableText.OneLine(root.GetProperty("assetId").GetString() ?? ""),
                PrintableText.OneLine(root.GetProperty("pointId").GetString() ?? ""),
                Time(root.GetProperty("time").GetInt64()),
                Value(root.GetProperty("value")),
                root.GetProperty("attr").GetProperty("calMode").GetString() ?? "",
            ]);
        }

        foreach (var line in TextTable.Lines(header, rows, "  ", rightAligned: 3, ruled: true))
            console.WriteLine(line);
        if (total > rows.Count)
            console.WriteLine($"… {total - rows.Count} more outputs not shown");
    }

    // Milliseconds only where there are any: two outputs of a 500ms window must not show one time.
    private static string Time(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            .ToString(milliseconds % 1000 == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    // As the output record has it (true, not .NET's True), a string without its quotes.
    private static string Value(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? PrintableText.OneLine(value.GetString() ?? "") : value.GetRawText();

    private static void PrintSummary(TextWriter console, RunCounters counters)
    {
        void Line(string label, long value) => console.WriteLine($"{label,-21}{value}");
        Line("records read", counters[Counter.RecordsRead]);
        Line("outputs", counters[Counter.Outputs]);
        Line("late dropped", counters[Counter.Late]);
        Line("invalid values", counters[Counter.Invalid]);
        Line("invalid results", counters[Counter.InvalidResults]);
        // Apart, as `dsl run` counts them: a missing value is fixed in the data, an absent
        // attribute in the asset master data.
        Line("skipped (missing)", counters[Counter.SkippedMissing]);
        Line("skipped (attribute)", counters[Counter.SkippedAttribute]);
        Line("discarded steps", counters[Counter.DiscardedSteps]);
        Line("ignored records", counters[Counter.Ignored]);
        Line("rejected lines", counters[Counter.Errors]);
        foreach (var reason in Enum.GetValues<RecordError>().Where(r => counters[r] > 0))
            console.WriteLine($"  {RunCounters.Name(reason),-16} {counters[reason]}");
    }
}
