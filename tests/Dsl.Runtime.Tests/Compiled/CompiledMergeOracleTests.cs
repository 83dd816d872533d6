using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>The merge oracle comparisons of <see cref="MergeOracleTests"/>, on compiled jobs.</summary>
public sealed class CompiledMergeOracleTests
{
    [Theory]
    [InlineData("on Power", long.MaxValue)]
    [InlineData("on Power hold 2m", 2 * Minute)]
    public void Compiled_merge_on_a_point_matches_the_reference(string trigger, long hold)
    {
        string source = OracleJobSource.Merge(trigger, "1h");
        for (int seed = 1; seed <= 3; seed++)
        {
            List<TestRecord> records = Generate(seed, At("2026-03-28T22:00:00Z"), At("2026-03-29T04:00:00Z"), Minute);
            var actual = OutputComparison.LastValues(CompiledHarness.Run(source, records));
            OutputComparison.AssertEquivalent(MergeOracle.OnPower(records, hold), actual, $"compiled {trigger}, seed {seed}");
        }
    }

    [Fact]
    public void Compiled_merge_every_ten_minutes_matches_the_reference()
    {
        string source = OracleJobSource.Merge("every 10m hold 15m", "2h");
        for (int seed = 1; seed <= 3; seed++)
        {
            List<TestRecord> records = Generate(seed, At("2026-01-05T00:00:00Z"), At("2026-01-05T08:00:00Z"), Minute);
            var actual = OutputComparison.LastValues(CompiledHarness.Run(source, records));
            OutputComparison.AssertEquivalent(MergeOracle.Every(records, OracleWindow.Tumbling(10 * Minute), 15 * Minute), actual, $"compiled every 10m, seed {seed}");
        }
    }

    [Fact]
    public void Compiled_merge_every_day_uses_each_assets_local_midnight_across_DST()
    {
        string source = OracleJobSource.Merge("every 1d", "1d");
        for (int seed = 1; seed <= 2; seed++)
        {
            List<TestRecord> records = Generate(seed, At("2026-10-23T00:00:00Z"), At("2026-10-28T00:00:00Z"), 30 * Minute);
            var actual = OutputComparison.LastValues(CompiledHarness.Run(source, records));
            OutputComparison.AssertEquivalent(MergeOracle.Every(records, OracleWindow.Day, long.MaxValue), actual, $"compiled every 1d, seed {seed}");
        }
    }

    /// <summary>The generator of <see cref="MergeOracleTests"/>, with its seeds.</summary>
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
