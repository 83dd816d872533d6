using Dsl.Runtime.Operators.Merge;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using Dsl.Runtime.Time;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

/// <summary>Merge blocks against <see cref="MergeOracle"/> on seeded random out-of-order input.</summary>
public sealed class MergeOracleTests
{
    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(2 * Minute)]
    public void Merge_on_a_point_matches_the_reference(long hold)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            List<TestRecord> records = Generate(seed, At("2026-03-28T22:00:00Z"), At("2026-03-29T04:00:00Z"), Minute);
            var job = new OracleMergeJob(MergeTrigger.OnPoint, default, hold, retentionMs: Hour);
            var actual = OutputComparison.LastValues(JobHarness.Run(job, records, OracleAssets.MasterData));
            OutputComparison.AssertEquivalent(MergeOracle.OnPower(records, hold), actual, $"on Power hold {hold}, seed {seed}");
        }
    }

    [Fact]
    public void Merge_every_ten_minutes_matches_the_reference()
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            List<TestRecord> records = Generate(seed, At("2026-01-05T00:00:00Z"), At("2026-01-05T08:00:00Z"), Minute);
            var job = new OracleMergeJob(MergeTrigger.Every, GridSpec.Fixed(10 * Minute), 15 * Minute, retentionMs: 2 * Hour);
            var actual = OutputComparison.LastValues(JobHarness.Run(job, records, OracleAssets.MasterData));
            OutputComparison.AssertEquivalent(MergeOracle.Every(records, OracleWindow.Tumbling(10 * Minute), 15 * Minute), actual, $"every 10m, seed {seed}");
        }
    }

    [Fact]
    public void Merge_every_day_uses_each_assets_local_midnight_across_DST()
    {
        for (int seed = 1; seed <= 2; seed++)
        {
            List<TestRecord> records = Generate(seed, At("2026-10-23T00:00:00Z"), At("2026-10-28T00:00:00Z"), 30 * Minute);
            var job = new OracleMergeJob(MergeTrigger.Every, GridSpec.Calendric(CalendarUnit.Day), long.MaxValue, retentionMs: Day);
            var actual = OutputComparison.LastValues(JobHarness.Run(job, records, OracleAssets.MasterData));
            OutputComparison.AssertEquivalent(MergeOracle.Every(records, OracleWindow.Day, long.MaxValue), actual, $"every 1d, seed {seed}");
        }
    }

    private static List<TestRecord> Generate(int seed, long from, long to, long step)
    {
        var random = new Random(seed * 31337);
        var series = new List<TestRecord>();
        foreach (string asset in OracleAssets.Ids)
        {
            series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Power, from, to, step / 2, step * 2, StreamGenerator.PowerValue));
            series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Reactive, from, to, step, step * 4, (r, _) => r.Next(-300, 300)));
        }

        return StreamGenerator.Arrive(random, series, delayedShare: 0.15, maxDelay: 10 * Minute, veryLateShare: 0, veryLateDelay: 0);
    }
}
