using System.Text.RegularExpressions;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.State;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Checkpoints;

/// <summary>
/// State that spilled to FASTER's log on disk is checked like the rest of a checkpoint: a segment
/// with flipped bytes is found before anything reads it, so the run falls back to the previous
/// checkpoint (DSL5002) or stops naming the file (DSL5001), instead of reading garbage.
/// </summary>
public sealed partial class SpilledStateDamageTests
{
    private static readonly StateStoreOptions Tiny = new(StateStoreOptions.MinimumMemoryBudget);
    private static readonly List<TestRecord> Records = Generate();
    private static readonly int First = Records.Count / 3;
    private static readonly int Second = 2 * Records.Count / 3;

    [Fact]
    public void A_damaged_segment_only_the_latest_checkpoint_needs_falls_back_to_the_previous_one_and_the_output_stays_exact()
    {
        using var temp = new TempDirectory();
        var output = new List<Emitted>();
        RunWithTwoCheckpoints(temp.Path, output);
        IReadOnlyList<(string Path, long Length)> latest = LogFiles(temp.Path, "00000002");
        HashSet<string> previous = [.. LogFiles(temp.Path, "00000001").Select(f => f.Path)];
        (string segment, long length) = latest.Last(f => !previous.Contains(f.Path));
        Flip(Path.Combine(temp.Path, segment), length / 2);

        using (var resumed = new DurableHarness(Job(), temp.Path, output, store: Tiny))
        {
            Assert.Equal(First, resumed.Next);
            Assert.Contains(resumed.Host.Warnings, w => w.Contains("DSL5002", StringComparison.Ordinal) && w.Contains(Path.GetFileName(segment) + " does not match its checksum", StringComparison.Ordinal));
            resumed.Feed(Records, resumed.Next, Records.Count);
            resumed.Host.Complete(DurableHarness.At(Records.Count));
        }

        CheckpointEquivalence.AssertSame(JobHarness.Run(Job(), Records, null), output, "a damaged log segment");
    }

    [Fact]
    public void A_damaged_segment_both_checkpoints_need_stops_the_run_with_DSL5001_naming_it()
    {
        using var temp = new TempDirectory();
        RunWithTwoCheckpoints(temp.Path, []);
        Dictionary<string, long> previous = LogFiles(temp.Path, "00000001").ToDictionary();
        (string segment, long length) = LogFiles(temp.Path, "00000002").First(f => previous.ContainsKey(f.Path));
        Flip(Path.Combine(temp.Path, segment), Math.Min(length, previous[segment]) / 2);

        var error = Assert.Throws<StateException>(() => new DurableHarness(Job(), temp.Path, [], store: Tiny));
        Assert.Equal("DSL5001", error.Code);
        Assert.Contains(Path.Combine(temp.Path, segment) + " does not match its checksum", error.Message, StringComparison.Ordinal);
    }

    private static OracleAggregateJob Job() => new(new WindowOptions(WindowSpec.Tumbling(Hour), LatenessMs: Hour));

    private static void RunWithTwoCheckpoints(string directory, List<Emitted> output)
    {
        using var run = new DurableHarness(Job(), directory, output, store: Tiny);
        run.Feed(Records, 0, First);
        run.Host.Checkpoint(DurableHarness.At(First));
        run.Feed(Records, First, Second);
        run.Host.Checkpoint(DurableHarness.At(Second));
        run.Feed(Records, Second, Second + 100);

        // The state spilled: the checkpoints need log segments on disk.
        Assert.NotEmpty(LogFiles(directory, "00000002"));
    }

    /// <summary>The log segments a checkpoint lists, with the length of the part it needs.</summary>
    private static List<(string Path, long Length)> LogFiles(string directory, string checkpoint)
    {
        string manifest = File.ReadAllText(Path.Combine(directory, "checkpoints", checkpoint, "checkpoint.json"));
        return [.. LogFileEntry().Matches(manifest).Select(m => (m.Groups[1].Value, long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))];
    }

    private static void Flip(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        int value = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(value ^ 0x5A));
    }

    // 150 assets × 18 outputs of hour windows with an hour of lateness: far more entries than the cache holds.
    private static List<TestRecord> Generate()
    {
        var random = new Random(3);
        var series = new List<TestRecord>();
        long from = At("2026-01-05T00:00:00Z");
        for (int asset = 0; asset < 150; asset++)
        {
            series.AddRange(StreamGenerator.Series(random, $"a{asset}", OracleModel.Power, from, from + (3 * Hour), 5 * Minute, 15 * Minute, StreamGenerator.PowerValue));
        }

        return StreamGenerator.Arrive(random, series, delayedShare: 0.1, maxDelay: 30 * Minute, veryLateShare: 0, veryLateDelay: 0);
    }

    [GeneratedRegex("\"path\": \"(store/hlog\\.log\\.\\d+)\",\\s*\"length\": (\\d+)")]
    private static partial Regex LogFileEntry();
}
