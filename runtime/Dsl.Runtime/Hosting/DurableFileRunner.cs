using System.Diagnostics;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Sinks;
using Dsl.Runtime.Sources;

namespace Dsl.Runtime.Hosting;

/// <summary>
/// <c>dsl run FILE --input IN --output OUT --state DIR</c>: an offline run that checkpoints, so a
/// rerun after a crash resumes from the last checkpoint (input read from the committed offset,
/// output truncated to the committed length) and writes exactly what an uninterrupted run writes.
/// A rerun after a finished run does nothing, on the input it read; on any other, a grown one
/// included, it stops (DSL5005).
/// </summary>
public static class DurableFileRunner
{
    // The clock is read once per this many lines: cheap enough, and fine-grained enough for any interval.
    private const int ClockEveryLines = 256;

    public static DurableRunResult Run(CompiledJob job, DurableRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(options);
        if (options.InputPath is "-" or "" || !File.Exists(options.InputPath))
        {
            throw options.InputPath is "-" or ""
                ? new StateException(RuntimeErrors.NeedsFiles, "the input")
                : new FileNotFoundException($"The input {options.InputPath} does not exist.", options.InputPath);
        }

        if (options.OutputPath is "-" or "")
        {
            throw new StateException(RuntimeErrors.NeedsFiles, "the output");
        }

        string output = Path.GetFullPath(options.OutputPath);
        using DurableJobHost host = DurableJobHost.Start(
            job,
            new DurableJobOptions(options.StateDirectory, options.Session, options.Store),
            (manifest, points, assets) => new NdjsonFileSink(output, manifest, points, assets));
        var messages = new List<string>(host.Warnings);
        using var input = new FileStream(options.InputPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        if (!input.CanSeek)
        {
            throw new StateException(RuntimeErrors.NeedsFiles, "the input");
        }

        // Also when the run is complete: "nothing to do" would otherwise pass for having run another input.
        InputPosition start = host.Position;
        CheckInput(input, start, options, host.IsCompleted);
        if (host.IsCompleted)
        {
            IReadOnlyDictionary<string, long> counts = host.Session.Counters.ToDictionary();
            messages.Add($"info {RuntimeErrors.RunComplete.Code}: {RuntimeErrors.RunComplete.Format(Path.GetFullPath(options.StateDirectory), counts["records_read"], counts["outputs"])}");
            return new DurableRunResult(true, true, host.Position, counts, 0, messages);
        }

        input.Seek(start.Offset, SeekOrigin.Begin);
        var lines = new Utf8LineReader(input, start.Offset, start.Line);
        options.Progress?.Report(start.Offset);
        TimeSpan interval = options.CheckpointInterval ?? DurableRunOptions.DefaultCheckpointInterval;
        var clock = Stopwatch.StartNew();
        int checkpoints = 0;
        int sinceClock = 0;
        while (lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            host.Session.ProcessLine(line, lines.LineNumber);
            bool due = options.CheckpointEveryLines > 0 && lines.LineNumber % options.CheckpointEveryLines == 0;
            if (++sinceClock >= ClockEveryLines)
            {
                sinceClock = 0;
                options.Progress?.Report(lines.Offset);
                due |= (interval > TimeSpan.Zero && clock.Elapsed >= interval) || host.CheckpointRequested;
            }

            if (due)
            {
                host.Checkpoint(PositionOf(input, lines));
                checkpoints++;
                clock.Restart();
            }
        }

        options.Progress?.Report(lines.Offset);
        host.Complete(PositionOf(input, lines));
        return new DurableRunResult(false, host.Resumed, start, host.Session.Counters.ToDictionary(), checkpoints + 1, messages, host.Session.Counters.SecondsLike);
    }

    private static void CheckInput(FileStream input, InputPosition start, DurableRunOptions options, bool completed)
    {
        string where = Path.GetFullPath(options.StateDirectory);
        if (input.Length < start.Offset)
        {
            throw new StateException(RuntimeErrors.InputChanged, Path.GetFullPath(options.InputPath), where, $"it has {input.Length} bytes, the checkpoint had read {start.Offset}");
        }

        // A completed run closed its windows at the end of its input: records appended since would
        // land after that flush, so they cannot continue it, and "nothing to do" would drop them.
        if (completed && input.Length > start.Offset)
        {
            throw new StateException(
                RuntimeErrors.InputChanged,
                Path.GetFullPath(options.InputPath),
                where,
                $"it has grown past where the completed run ended, from {start.Offset} to {input.Length} bytes; a completed run has closed its windows and takes no more records, so delete the state directory and the output to run over the whole input");
        }

        if (start.Fingerprint is { } expected && Fingerprints.Tail(input, start.Offset) != expected)
        {
            throw new StateException(RuntimeErrors.InputChanged, Path.GetFullPath(options.InputPath), where, $"its bytes before offset {start.Offset} differ");
        }
    }

    private static InputPosition PositionOf(FileStream input, Utf8LineReader lines) =>
        new(lines.Offset, lines.LineNumber, Fingerprints.Tail(input, lines.Offset));
}
