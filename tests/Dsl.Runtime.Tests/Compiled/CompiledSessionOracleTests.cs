using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>The session oracle comparisons of <see cref="SessionOracleTests"/>, on compiled jobs.</summary>
public sealed class CompiledSessionOracleTests
{
    public static TheoryData<string, long, long, long> Cases { get; } = new()
    {
        { "session 5m max 30m lateness 0s", 5 * Minute, 30 * Minute, 0 },
        { "session 5m lateness 0s emit final", 5 * Minute, 0, 0 },
        { "session 10m lateness 15m emit final", 10 * Minute, 0, 15 * Minute },
        { "session 7m max 1h lateness 10m emit final", 7 * Minute, Hour, 10 * Minute },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compiled_session_results_match_the_reference_on_random_out_of_order_input(string window, long gap, long max, long lateness)
    {
        string source = OracleJobSource.Aggregate(window);
        for (int seed = 1; seed <= 3; seed++)
        {
            var random = new Random(seed * 104729);
            var series = new List<TestRecord>();
            foreach (string asset in OracleAssets.Ids)
            {
                series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Power, At("2026-01-05T00:00:00Z"), At("2026-01-05T12:00:00Z"), Minute / 2, gap * 3 / 4, StreamGenerator.PowerValue));
            }

            var records = StreamGenerator.Arrive(random, series, delayedShare: 0.15, maxDelay: Math.Max(lateness, gap) * 2, veryLateShare: 0.02, veryLateDelay: 3 * Hour);
            var actual = OutputComparison.LastValues(CompiledHarness.Run(source, records));
            var expected = SessionOracle.Expected(records, gap, max, lateness, stampEnd: false);
            Assert.NotEmpty(expected);
            OutputComparison.AssertEquivalent(expected, actual, $"compiled {window}, seed {seed}");
        }
    }
}
