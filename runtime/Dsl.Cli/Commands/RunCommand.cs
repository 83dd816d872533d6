using System.CommandLine;
using Dsl.Cli.Reporting;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;

namespace Dsl.Cli.Commands;

/// <summary>
/// <c>dsl run FILE --input IN</c>: runs a job locally on NDJSON records with offline semantics
/// (every open window is flushed at the end of input) and writes NDJSON outputs.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The job's .stream file." };
        var input = new Option<string>("--input", "-i") { Description = "NDJSON input records; - for stdin.", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Where output records go; - or absent for stdout." };
        var assets = new Option<string?>("--assets") { Description = "Asset master data (JSON): time zones and attribute values." };
        var strict = new Option<bool>("--strict") { Description = "Exit with 1 when any input line was rejected." };
        var state = new Option<string?>("--state") { Description = "State directory: checkpoint there, and resume from it after a crash (needs an input and an output file)." };
        var interval = new Option<string?>("--checkpoint-interval") { Description = "With --state: processing time between checkpoints, e.g. 10s (the default), 500ms, 2m." };
        var memory = new Option<string?>("--state-memory") { Description = "With --state: megabytes of memory for the state (256 by default); the rest of it lives on disk." };
        var command = new Command("run", "Run a job on NDJSON records.") { file, input, output, assets, strict, state, interval, memory };
        command.SetAction(result => Run(
            result.GetValue(file) ?? "",
            result.GetValue(input) ?? InputFiles.Standard,
            result.GetValue(output),
            result.GetValue(assets),
            result.GetValue(strict),
            new DurableRunCommand.Settings(result.GetValue(state), result.GetValue(interval), result.GetValue(memory))));
        return command;
    }

    private static int Run(string file, string input, string? output, string? assets, bool strict, DurableRunCommand.Settings durable)
    {
        if (durable.State is not null)
            return DurableRunCommand.Run(file, input, output, assets, strict, durable);

        // Both only shape a resumable run; taken silently, a forgotten --state would look honoured.
        string? stray = durable.CheckpointInterval is not null ? "--checkpoint-interval" : durable.StateMemory is not null ? "--state-memory" : null;
        if (stray is not null)
        {
            Console.Error.WriteLine($"dsl run: {stray} applies to a resumable run; give --state DIR as well, or leave it out.");
            return ExitCodes.Usage;
        }

        using var job = RunnableJob.Prepare("run", file, input, assets, out var exitCode, output);
        if (job is null)
            return exitCode;
        RunCounters counters;
        try
        {
            using var inputStream = InputFiles.OpenInput(input);
            using var outputStream = InputFiles.OpenOutput(output, out var refusal);
            if (outputStream is null)
            {
                Console.Error.WriteLine($"dsl run: cannot write {output}: {refusal}");
                return ExitCodes.UserError;
            }
            var progress = new InputProgress();
            using (ProgressLine.Show("run", RunProgress.Describe(input, progress), writesStandardOutput: output is null or InputFiles.Standard))
            {
                // Console.Error as the progress line has it, so that a rejected line's description erases it first.
                var options = new JobSessionOptions(job.Assets, ErrorLog: Console.Error);
                counters = JobRunner.Run(job.Loaded.Job, RunProgress.Counted(inputStream, progress), outputStream, options);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The files were there a moment ago: what is left is the disk's or the system's answer.
            Console.Error.WriteLine($"dsl run: {UserMessage.Of(e)}");
            return ExitCodes.UserError;
        }

        if (IgnoredInputNote.For(job.Loaded.Job.Manifest, counters[Counter.RecordsRead], counters[Counter.Ignored]) is { } note)
            Console.Error.WriteLine($"dsl run: {note}");
        if (SecondsLikeTimesNote.For(counters.SecondsLike) is { } secondsNote)
            Console.Error.WriteLine($"dsl run: {secondsNote}");
        Console.Error.WriteLine($"dsl run: {counters.Summary()}");
        return strict && counters[Counter.Errors] > 0 ? ExitCodes.UserError : ExitCodes.Success;
    }
}
