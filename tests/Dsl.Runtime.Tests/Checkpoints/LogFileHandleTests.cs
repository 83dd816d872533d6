using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.State;
using Dsl.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Dsl.Runtime.Tests.Checkpoints;

/// <summary>
/// A store keeps a bounded number of files open: at most 16 read and 16 write handles on each log
/// segment, however many reads a compaction over hundreds of segments has in flight. FASTER's
/// default kept up to 120 of each per segment, and a store in a 1 MB budget whose log had grown to a
/// few hundred segments opened 20,000 files, past the process's limit, and aborted.
/// </summary>
public sealed class LogFileHandleTests(ITestOutputHelper output)
{
    private const int MostHandlesPerSegment = 32;

    private const int Keys = 8_000;

    [ProcFileDescriptorsFact]
    public void A_compaction_over_many_small_segments_keeps_few_files_open_on_each()
    {
        using var temp = new TempDirectory();
        using FasterStateStore store = FasterStateStore.Create(temp.Path, new StateStoreOptions(StateStoreOptions.MinimumMemoryBudget));
        IStateTable<long, Moments> table = store.GetTable<long, Moments>("op.t");

        // Every entry changes in every round with no checkpoint between: the log grows by the
        // entries the cache writes back, far beyond the memory, until the checkpoint compacts it.
        for (int round = 0; round < 30; round++)
        {
            for (long key = 0; key < Keys; key++)
            {
                table.GetOrAdd(key, out _).Add(round, key);
            }
        }

        store.Checkpoint();

        string[] segments = Directory.GetFiles(temp.Path, "hlog.log.*");
        var open = OpenFiles().Where(f => f.StartsWith(temp.Path, StringComparison.Ordinal)).GroupBy(f => f).ToList();
        int most = open.Count == 0 ? 0 : open.Max(g => g.Count());
        output.WriteLine($"{store.Compactions} compactions, {segments.Length} segments, {open.Sum(g => g.Count())} files open, at most {most} on one");
        Assert.Equal(1, store.Compactions);
        Assert.True(segments.Length > 50, $"only {segments.Length} segments: the test does not grow the log enough");
        Assert.True(most <= MostHandlesPerSegment, $"a segment was open {most} times");
    }

    /// <summary>What the process's open file descriptors point to.</summary>
    private static IEnumerable<string> OpenFiles()
    {
        foreach (string descriptor in Directory.GetFiles("/proc/self/fd"))
        {
            string? target = null;
            try
            {
                target = new FileInfo(descriptor).LinkTarget;
            }
            catch (IOException)
            {
                // Closed while listed.
            }

            if (target is not null)
            {
                yield return target;
            }
        }
    }

    /// <summary>A fact that reads the process's open files from /proc; skipped, saying why, where there is none.</summary>
    private sealed class ProcFileDescriptorsFactAttribute : FactAttribute
    {
        public ProcFileDescriptorsFactAttribute()
        {
            if (!Directory.Exists("/proc/self/fd"))
            {
                Skip = "This machine has no /proc/self/fd to count the open files in.";
            }
        }
    }
}
