using System.Runtime.CompilerServices;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.State;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Dsl.Runtime.Tests.Checkpoints;

/// <summary>
/// A store whose entries keep changing compacts FASTER's log, so the log's files on disk stay
/// bounded however long it runs, while every entry stays correct and both kept checkpoints (the
/// newest and the fallback) stay recoverable.
/// </summary>
public sealed class LogCompactionTests(ITestOutputHelper output)
{
    private static readonly StateStoreOptions Tiny = new(StateStoreOptions.MinimumMemoryBudget);

    private const int Keys = 8_000;

    private const int Rounds = 30;

    // 150 assets × 12 hours of hour windows with an hour of lateness: in 1 MB, windows come and go
    // in the keyed tables far beyond the memory, so the log churns through many segments.
    private static readonly List<TestRecord> Churning = GenerateChurning();

    [Fact]
    public void A_churning_table_keeps_its_log_on_disk_bounded_and_both_kept_checkpoints_recoverable()
    {
        using var temp = new TempDirectory();
        var counts = new long[Keys];
        (Guid Token, byte[] Metadata, long[] Counts)? previous = null, latest = null;
        IReadOnlyList<string> previousFiles = [];
        long largestOnDisk = 0;
        int compactions;
        long appended;
        using (FasterStateStore store = FasterStateStore.Create(temp.Path, Tiny))
        {
            IStateTable<long, Moments> table = store.GetTable<long, Moments>("op.t");
            for (int round = 0; round < Rounds; round++)
            {
                // Every entry changes every round; one in seven is removed and comes back next round.
                for (long key = 0; key < Keys; key++)
                {
                    if (key % 7 == round % 7 && counts[key] > 0)
                    {
                        Assert.True(table.Remove(key));
                        counts[key] = 0;
                        continue;
                    }

                    table.GetOrAdd(key, out _).Add(round, key);
                    counts[key]++;
                }

                Guid token = store.Checkpoint();
                IReadOnlyList<string> files = [.. store.CheckpointLogFiles().Select(f => f.Path)];
                store.ReleaseLog(files.Concat(previousFiles));
                previousFiles = files;
                previous = latest;
                latest = (token, Metadata(store), (long[])counts.Clone());
                largestOnDisk = Math.Max(largestOnDisk, LogBytesOnDisk(temp.Path));
            }

            compactions = store.Compactions;
            appended = store.LogAddresses.Tail;
        }

        // Live entries are about 0.9 MB; without compaction the log would hold every version written.
        output.WriteLine($"compactions {compactions}, appended {appended >> 10} KB, largest on disk {largestOnDisk >> 10} KB");
        Assert.True(compactions >= 3, $"{compactions} compactions");
        Assert.True(appended > 20L << 20, $"only {appended >> 10} KB were appended: the test does not churn enough");
        Assert.True(largestOnDisk < 8L << 20, $"the log reached {largestOnDisk >> 10} KB on disk");

        // The newest first: recovering the older one undoes what came after it, as a fallback does for good.
        foreach (var (checkpoint, which) in new[] { (latest!.Value, "latest"), (previous!.Value, "previous") })
        {
            using var metadata = new BinaryReader(new MemoryStream(checkpoint.Metadata));
            using FasterStateStore restored = FasterStateStore.Recover(temp.Path, Tiny, checkpoint.Token, metadata);
            IStateTable<long, Moments> table = restored.GetTable<long, Moments>("op.t");
            Assert.Equal(checkpoint.Counts.Count(c => c > 0), table.Count);
            for (long key = 0; key < Keys; key++)
            {
                ref Moments found = ref table.Find(key);
                Assert.True(Unsafe.IsNullRef(ref found) == (checkpoint.Counts[key] == 0), $"{which}: key {key}");
                if (checkpoint.Counts[key] > 0)
                {
                    Assert.Equal(checkpoint.Counts[key], found.Count);
                }
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_job_whose_log_was_compacted_resumes_from_its_latest_or_its_fallback_checkpoint_to_the_exact_output(bool damageLatest)
    {
        List<TestRecord> records = Churning;
        using var temp = new TempDirectory();
        string store = Path.Combine(temp.Path, "store");
        var emitted = new List<Emitted>();
        int last = 0, fallback = 0, mostSegments = 0, compactedPastFallback = 0;
        using (var run = new DurableHarness(Job(), temp.Path, emitted, null, Tiny))
        {
            // Checkpoints every 500 records; the crash comes after the sixth one whose log starts
            // in a later segment than the one before it, so the fallback needs files the latest does not.
            long previousStart = 0;
            for (int at = 500; compactedPastFallback < 6; at += 500)
            {
                Assert.True(at < records.Count, "the log never moved its start past a segment");
                run.Feed(records, last, at);
                run.Host.Checkpoint(DurableHarness.At(at));
                (fallback, last) = (last, at);
                mostSegments = Math.Max(mostSegments, Directory.GetFiles(store, "hlog.log.*").Length);
                long start = FirstLogSegment(temp.Path);
                compactedPastFallback += start > previousStart ? 1 : 0;
                previousStart = start;
            }

            run.Feed(records, last, last + 100); // then a crash
        }

        int written = Directory.GetFiles(store, "hlog.log.*").Max(f => int.Parse(Path.GetExtension(f).TrimStart('.'), System.Globalization.CultureInfo.InvariantCulture)) + 1;
        output.WriteLine($"{written} segments written, at most {mostSegments} on disk");
        Assert.False(File.Exists(Path.Combine(store, "hlog.log.0")), "no segment was ever freed");
        Assert.True(mostSegments * 3 < written, $"{mostSegments} of {written} segments were on disk at once");

        if (damageLatest)
        {
            string latest = Directory.GetDirectories(Path.Combine(temp.Path, "checkpoints")).Order(StringComparer.Ordinal).Last();
            byte[] runtime = File.ReadAllBytes(Path.Combine(latest, "runtime.bin"));
            runtime[runtime.Length / 2] ^= 0x5A;
            File.WriteAllBytes(Path.Combine(latest, "runtime.bin"), runtime);
        }

        using (var resumed = new DurableHarness(Job(), temp.Path, emitted, null, Tiny))
        {
            Assert.Equal(damageLatest ? fallback : last, resumed.Next);
            resumed.Feed(records, resumed.Next, records.Count);
            resumed.Host.Complete(DurableHarness.At(records.Count));
        }

        CheckpointEquivalence.AssertSame(JobHarness.Run(Job(), records, null), emitted, damageLatest ? "fallback" : "latest");
    }

    [Fact]
    public void A_store_whose_recorded_segment_size_changed_is_refused_not_misread()
    {
        using var temp = new TempDirectory();
        var emitted = new List<Emitted>();
        var records = new List<TestRecord> { new("a1", OracleModel.Power, Instants.At("2026-01-05T00:00:00Z"), 5) };
        using (var run = new DurableHarness(Job(), temp.Path, emitted, null, Tiny))
        {
            run.Feed(records, 0, 1);
            run.Host.Checkpoint(DurableHarness.At(1));
        }

        // Read with another size (as long, so only the checksum tells), every address of the log would land in the wrong file.
        string recorded = Path.Combine(temp.Path, "store", "segment-bytes");
        Assert.Equal("262144", File.ReadAllText(recorded));
        File.WriteAllText(recorded, "524288");

        var refused = Assert.Throws<Hosting.StateException>(() => new DurableHarness(Job(), temp.Path, emitted, null, Tiny));
        Assert.Contains("segment-bytes does not match its checksum", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 64)]
    [InlineData(64, 1)]
    public void A_store_resumed_with_another_budget_keeps_its_log_layout_and_its_output(int madeWithMb, int resumedWithMb)
    {
        // The pages of a 64 MB budget (1 MB) are larger than the segments of a 1 MB one (256 KB);
        // read back with other pages, the log would lose entries.
        using var temp = new TempDirectory();
        var emitted = new List<Emitted>();
        int cut = Churning.Count / 2;
        using (var made = new DurableHarness(Job(), temp.Path, emitted, null, new StateStoreOptions((long)madeWithMb << 20)))
        {
            made.Feed(Churning, 0, cut);
            made.Host.Checkpoint(DurableHarness.At(cut));
        }

        string layout = File.ReadAllText(Path.Combine(temp.Path, "store", "segment-bytes")) + "/" + File.ReadAllText(Path.Combine(temp.Path, "store", "page-bytes"));
        using (var resumed = new DurableHarness(Job(), temp.Path, emitted, null, new StateStoreOptions((long)resumedWithMb << 20)))
        {
            Assert.True(resumed.Host.Resumed);
            Assert.Equal(cut, resumed.Next);
            resumed.Feed(Churning, cut, Churning.Count);
            resumed.Host.Complete(DurableHarness.At(Churning.Count));
        }

        Assert.Equal(madeWithMb == 1 ? "262144/16384" : "16777216/1048576", layout);
        Assert.Equal(layout, File.ReadAllText(Path.Combine(temp.Path, "store", "segment-bytes")) + "/" + File.ReadAllText(Path.Combine(temp.Path, "store", "page-bytes")));
        CheckpointEquivalence.AssertSame(JobHarness.Run(Job(), Churning, null), emitted, $"made with {madeWithMb} MB, resumed with {resumedWithMb} MB");
    }

    private static CompiledJob Job() => new OracleAggregateJob(new WindowOptions(WindowSpec.Tumbling(Instants.Hour), LatenessMs: Instants.Hour));

    private static List<TestRecord> GenerateChurning()
    {
        var random = new Random(3);
        var series = new List<TestRecord>();
        long from = Instants.At("2026-01-05T00:00:00Z");
        for (int asset = 0; asset < 150; asset++)
        {
            series.AddRange(StreamGenerator.Series(random, $"a{asset}", OracleModel.Power, from, from + (12 * Instants.Hour), 5 * Instants.Minute, 15 * Instants.Minute, StreamGenerator.PowerValue));
        }

        return StreamGenerator.Arrive(random, series, delayedShare: 0.1, maxDelay: 30 * Instants.Minute, veryLateShare: 0, veryLateDelay: 0);
    }

    /// <summary>The first log segment the newest checkpoint lists (its manifest is JSON).</summary>
    private static long FirstLogSegment(string directory)
    {
        string latest = Directory.GetDirectories(Path.Combine(directory, "checkpoints")).Order(StringComparer.Ordinal).Last();
        return System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Path.Combine(latest, "checkpoint.json")), @"hlog\.log\.(\d+)")
            .Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Min();
    }

    private static byte[] Metadata(FasterStateStore store)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            store.WriteMetadata(writer);
        }

        return buffer.ToArray();
    }

    private static long LogBytesOnDisk(string directory) =>
        Directory.GetFiles(directory, "hlog.log.*").Sum(f => new FileInfo(f).Length);
}
