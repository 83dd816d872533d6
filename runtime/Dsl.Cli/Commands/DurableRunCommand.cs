using System.Globalization;
using Dsl.Runtime.Hosting;

namespace Dsl.Cli.Commands;

/// <summary>
/// <c>dsl run … --state DIR</c>: the resumable run. Checkpoints every interval and at the end; a
/// rerun after a crash continues from the last checkpoint and leaves the output exactly as an
/// uninterrupted run would; a rerun after a finished run does nothing and says so.
/// </summary>
public static class DurableRunCommand
{
    public static int Run(string file, string input, string? output, string? assets, bool strict, string state, string? interval)
    {
        if (input == InputFiles.Standard || output is null or InputFiles.Standard)
        {
            string which = input == InputFiles.Standard ? "the input" : "the output";
            Console.Error.WriteLine($"dsl run: error {RuntimeErrors.NeedsFiles.Code}: {RuntimeErrors.NeedsFiles.Format(which)}");
            return ExitCodes.Usage;
        }
        if (!TryParseInterval(interval, out var checkpointInterval))
        {
            Console.Error.WriteLine($"dsl run: --checkpoint-interval: \"{interval}\" is not a duration; write e.g. 10s, 500ms or 2m.");
            return ExitCodes.Usage;
        }
        using var job = RunnableJob.Prepare("run", file, input, assets, out var exitCode);
        if (job is null)
            return exitCode;

        try
        {
            var options = new DurableRunOptions(input, output, state, checkpointInterval, new JobSessionOptions(job.Assets, ErrorLog: Console.Error));
            var result = DurableFileRunner.Run(job.Loaded.Job, options);
            foreach (var message in result.Messages)
                Console.Error.WriteLine($"dsl run: {message}");
            if (result.AlreadyComplete)
                return ExitCodes.Success;
            if (result.Resumed)
                Console.Error.WriteLine($"dsl run: resumed at line {result.ResumedFrom.Line} (byte {result.ResumedFrom.Offset})");
            var summary = string.Join(' ', result.Counters.Where(c => !c.Key.StartsWith("errors.", StringComparison.Ordinal) || c.Value != 0).Select(c => $"{c.Key}={c.Value}"));
            Console.Error.WriteLine($"dsl run: {summary}");
            return strict && result.Counters["errors"] > 0 ? ExitCodes.UserError : ExitCodes.Success;
        }
        catch (StateException e)
        {
            Console.Error.WriteLine($"dsl run: {e}");
            return ExitCodes.UserError;
        }
    }

    private static bool TryParseInterval(string? text, out TimeSpan interval)
    {
        interval = DurableRunOptions.DefaultCheckpointInterval;
        if (text is null)
            return true;
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : (text, 1000.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || !double.IsFinite(value))
            return false;
        interval = TimeSpan.FromMilliseconds(value * unit);
        return true;
    }
}
