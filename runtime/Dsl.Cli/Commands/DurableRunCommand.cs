using System.Globalization;
using Dsl.Cli.Reporting;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.State;

namespace Dsl.Cli.Commands;

/// <summary>
/// <c>dsl run … --state DIR</c>: the resumable run. Checkpoints every interval and at the end; a
/// rerun after a crash continues from the last checkpoint and leaves the output exactly as an
/// uninterrupted run would; a rerun after a finished run does nothing and says so.
/// </summary>
public static class DurableRunCommand
{
    /// <summary>The options that make a run resumable, as given (<see cref="State"/> null: an ordinary run).</summary>
    public sealed record Settings(string? State, string? CheckpointInterval, string? StateMemory);

    // An option's value that is not what it takes is a usage error in the words of the command
    // line, which end with where the help is, as those System.CommandLine finds do (cli.md).
    private const string HelpPointer = "Run 'dsl run --help' for usage.";

    public static int Run(string file, string input, string? output, string? assets, bool strict, Settings settings)
    {
        string state = settings.State ?? throw new ArgumentException("A resumable run needs a state directory.", nameof(settings));
        // A pipe named by a path (/dev/stdin) is standard input all the same: it cannot be read
        // again from a position, and is refused before the state directory is made.
        // So is a named pipe as the output, which could not be cut back either, and whose opening
        // for the check below would wait for a reader.
        bool inputIsPipe = input == InputFiles.Standard || InputFiles.IsPipe(input);
        if (inputIsPipe || output is null or InputFiles.Standard || FileIdentity.IsPipe(output))
        {
            string which = inputIsPipe ? "the input" : "the output";
            Console.Error.WriteLine($"dsl run: error {RuntimeErrors.NeedsFiles.Code}: {RuntimeErrors.NeedsFiles.Format(which)}");
            return ExitCodes.Usage;
        }
        if (!TryParseInterval(settings.CheckpointInterval, out var checkpointInterval))
        {
            Console.Error.WriteLine($"dsl run: --checkpoint-interval: \"{settings.CheckpointInterval}\" is not a duration in ms, s, m or h of at most {DurationLimit.Hours}h; write e.g. 10s, 500ms, 2m or 1h.");
            Console.Error.WriteLine(HelpPointer);
            return ExitCodes.Usage;
        }
        if (!TryParseMegabytes(settings.StateMemory, out var store))
        {
            Console.Error.WriteLine($"dsl run: --state-memory: \"{settings.StateMemory}\" is not a whole number of megabytes from 1 to {MaxMegabytes}; write e.g. 256.");
            Console.Error.WriteLine(HelpPointer);
            return ExitCodes.Usage;
        }
        // A file where the state folder (or one on its way) belongs is a slip of the command line,
        // as a file given as the daemon's --data is; creating the folder would say only that the file exists.
        if (InputFiles.FileOnTheWay(state) is { } fileInTheWay)
        {
            Console.Error.WriteLine($"dsl run: --state {state}: {fileInTheWay} is a file, not a folder; name a folder (it is created when missing).");
            return ExitCodes.Usage;
        }
        if (InputFiles.CutBackProblem(output) is { } notAFile)
        {
            Console.Error.WriteLine($"dsl run: --output {output}: {notAFile}.");
            return ExitCodes.Usage;
        }
        using var job = RunnableJob.Prepare("run", file, input, assets, out var exitCode, output);
        if (job is null)
            return exitCode;
        // Created, or opened, here rather than by the state store and the output's writer (which
        // opens or creates it, never truncating it before it knows the checkpoint): their refusal
        // would name the absolute path in .NET's words.
        if (InputFiles.CreateFolder(state) is { } refused)
        {
            Console.Error.WriteLine($"dsl run: cannot create the folder {state}: {refused}");
            return ExitCodes.UserError;
        }
        bool outputIsNew = !File.Exists(output);
        if (InputFiles.OpenProblem(output) is { } unwritable)
        {
            Console.Error.WriteLine($"dsl run: cannot write {output}: {unwritable}");
            return ExitCodes.UserError;
        }

        try
        {
            var progress = new InputProgress();
            DurableRunResult result;
            using (ProgressLine.Show("run", RunProgress.Describe(input, progress)))
            {
                // Console.Error as the progress line has it, so that a rejected line's description erases it first.
                var options = new DurableRunOptions(input, output, state, checkpointInterval, new JobSessionOptions(job.Assets, ErrorLog: Console.Error), store, Progress: progress);
                result = DurableFileRunner.Run(job.Loaded.Job, options);
            }
            foreach (var message in result.Messages)
                Console.Error.WriteLine($"dsl run: {message}");
            if (result.AlreadyComplete)
                return ExitCodes.Success;
            if (result.Resumed)
                Console.Error.WriteLine($"dsl run: resumed at line {result.ResumedFrom.Line} (byte {result.ResumedFrom.Offset})");
            if (IgnoredInputNote.For(job.Loaded.Job.Manifest, result.Counters["records_read"], result.Counters["ignored"]) is { } note)
                Console.Error.WriteLine($"dsl run: {note}");
            if (SecondsLikeTimesNote.For(result.SecondsLike) is { } secondsNote)
                Console.Error.WriteLine($"dsl run: {secondsNote}");
            var summary = string.Join(' ', result.Counters.Where(c => !c.Key.StartsWith("errors.", StringComparison.Ordinal) || c.Value != 0).Select(c => $"{c.Key}={c.Value}"));
            Console.Error.WriteLine($"dsl run: {summary}");
            return strict && result.Counters["errors"] > 0 ? ExitCodes.UserError : ExitCodes.Success;
        }
        catch (StateException e)
        {
            // Refused at the state directory's door (another's, in use, of another format), the run
            // wrote nothing: the output the open check created is no output, and is not left behind.
            if (outputIsNew && RefusedAtTheDoor(e.Error))
                DeleteIfEmpty(output);
            Console.Error.WriteLine($"dsl run: {e}");
            return ExitCodes.UserError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"dsl run: {Failure(e)}");
            return ExitCodes.UserError;
        }
    }

    private static bool RefusedAtTheDoor(RuntimeError error) =>
        error == RuntimeErrors.NotAStateDirectory || error == RuntimeErrors.StateInUse || error == RuntimeErrors.ForeignJobState || error == RuntimeErrors.StateFormat;

    private static void DeleteIfEmpty(string path)
    {
        try
        {
            if (new FileInfo(path).Length == 0)
                File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left as it is: the message about the state directory is the one that matters.
        }
    }

    /// <summary>
    /// What stopped the run, in one line: the file and the reason, and for a full disk what to do,
    /// since the state is intact: a full disk fails a write before the commit that would have
    /// used it, so the last committed checkpoint stands.
    /// </summary>
    public static string Failure(Exception e) =>
        FileSystemRefusal.KindOf(e) == FileSystemRefusalKind.NoSpace
            ? $"{UserMessage.Of(e)}; free some space and run the same command again: it resumes from its last checkpoint"
            : UserMessage.Of(e);

    // A terabyte: beyond it a budget is a typo (and FASTER's index would not follow it anyway).
    private const long MaxMegabytes = 1L << 20;

    private static bool TryParseMegabytes(string? text, out StateStoreOptions? store)
    {
        store = null;
        if (text is null)
            return true;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var megabytes) || megabytes is < 1 or > MaxMegabytes)
            return false;
        store = new StateStoreOptions(megabytes << 20);
        return true;
    }

    private static bool TryParseInterval(string? text, out TimeSpan interval)
    {
        interval = DurableRunOptions.DefaultCheckpointInterval;
        if (text is null)
            return true;
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : text.EndsWith('h') ? (text[..^1], 3_600_000.0)
            : (text, 0.0); // a bare number could mean any unit; the language asks for one too
        if (unit == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !DurationLimit.Holds(value, TimeSpan.FromMilliseconds(unit)))
            return false;
        interval = TimeSpan.FromMilliseconds(value * unit);
        return true;
    }
}
