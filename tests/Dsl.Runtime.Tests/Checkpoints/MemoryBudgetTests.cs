using System.Runtime.CompilerServices;
using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.State;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Checkpoints;

/// <summary>State larger than the memory budget spills to FASTER's log on disk and stays correct.</summary>
public sealed class MemoryBudgetTests
{
    private static readonly StateStoreOptions Tiny = new(StateStoreOptions.MinimumMemoryBudget);

    [Fact]
    public void A_table_keeps_every_entry_when_most_of_them_live_on_disk()
    {
        using var temp = new TempDirectory();
        using FasterStateStore store = FasterStateStore.Create(temp.Path, Tiny);
        IStateTable<long, Operators.Aggregates.Moments> table = store.GetTable<long, Operators.Aggregates.Moments>("op.t");
        const int keys = 60_000;
        for (long key = 0; key < keys; key++)
        {
            table.GetOrAdd(key, out bool added).Add(key, key * 0.5);
            Assert.True(added);
        }

        for (long key = 0; key < keys; key += 3)
        {
            Assert.True(table.Remove(key));
        }

        for (long key = 1; key < keys; key += 3)
        {
            table.GetOrAdd(key, out bool added).Add(key, 1);
            Assert.False(added);
        }

        Assert.True(store.CacheStatistics.Evictions > 0);
        Assert.True(store.LogAddresses.Head > store.LogAddresses.Begin, "nothing was flushed from memory to the log on disk");
        Assert.Equal(keys - (keys / 3), table.Count);
        for (long key = 0; key < keys; key++)
        {
            ref Operators.Aggregates.Moments found = ref table.Find(key);
            if (key % 3 == 0)
            {
                Assert.True(Unsafe.IsNullRef(ref found));
                continue;
            }

            Assert.False(Unsafe.IsNullRef(ref found));
            Assert.Equal(key % 3 == 1 ? 2 : 1, found.Count);
            Assert.Equal(key * 0.5, found.First);
        }

        var listed = new List<long>();
        table.CopyKeysTo(listed);
        Assert.Equal(keys - (keys / 3), listed.Distinct().Count());
    }

    [Fact]
    public void Windows_of_many_assets_beyond_the_budget_give_the_results_of_the_in_memory_store_across_a_restore()
    {
        // 150 assets × 18 outputs of hour windows with an hour of lateness: far more entries than the cache holds.
        var random = new Random(3);
        var series = new List<TestRecord>();
        long from = At("2026-01-05T00:00:00Z");
        for (int asset = 0; asset < 150; asset++)
        {
            series.AddRange(StreamGenerator.Series(random, $"a{asset}", OracleModel.Power, from, from + (3 * Hour), 5 * Minute, 15 * Minute, StreamGenerator.PowerValue));
        }

        var records = StreamGenerator.Arrive(random, series, delayedShare: 0.1, maxDelay: 30 * Minute, veryLateShare: 0, veryLateDelay: 0);
        CheckpointEquivalence.Assert(
            () => new OracleAggregateJob(new WindowOptions(WindowSpec.Tumbling(Hour), LatenessMs: Hour)),
            records,
            null,
            cuts: 1,
            "150 assets in a 1 MB budget",
            Tiny);
    }
}
