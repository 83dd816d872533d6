using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// The window oracle comparisons of <see cref="WindowOracleTests"/> (same cases, seeds and
/// generators), run on jobs compiled from the language instead of the hand-written job.
/// </summary>
public sealed class CompiledWindowOracleTests
{
    public static TheoryData<string> Cases { get; } =
    [
        "tumbling 10m, lateness 0s",
        "tumbling 10m offset 3m, lateness 7m, stamp end",
        "hopping 30m step 10m, lateness 5m, emit final",
        "tumbling 15m, lateness 10m, emit early every 4m",
        "tumbling 1d across spring DST, lateness 2h",
        "tumbling 1d across autumn DST, lateness 0s, emit final",
        "tumbling 1w, lateness 1d",
        "tumbling 1mo, lateness 6h",
        "tumbling 1d offset 2h30m across spring DST (a start in the gap), lateness 1h",
        "tumbling 1d offset 2h30m across autumn DST (a start repeated), lateness 0s",
        "tumbling 1w offset 36h, lateness 1d",
        "tumbling 1mo offset 1d, lateness 6h",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compiled_window_results_match_the_reference_on_random_out_of_order_input(string name) =>
        AssertMatchesReference(name, OracleJobSource.Aggregate(Describe(name).Window), leftOut: []);

    /// <summary>
    /// Without the aggregates that keep every sample (with and without fill), tumbling blocks keep each
    /// asset's newest window in a dense slot and move it to the keyed tables when records arrive
    /// out of order: the same comparisons exercise both and the moves between them.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Compiled_window_results_with_head_slots_match_the_reference_on_random_out_of_order_input(string name)
    {
        AssertMatchesReference(name, OracleJobSource.AggregateWithHead(Describe(name).Window), OracleJobSource.OutputsLeftOutOfHead(withFill: false));
        AssertMatchesReference(name, OracleJobSource.AggregateWithHead(Describe(name).Window, withFill: true), OracleJobSource.OutputsLeftOutOfHead(withFill: true));
    }

    private static void AssertMatchesReference(string name, string source, IReadOnlyList<int> leftOut)
    {
        var (_, lateness, stampEnd, oracle, from, to, step) = Describe(name);
        var leftOutPoints = leftOut.Select(i => OracleModel.FirstAggregateOutput + i).ToHashSet();
        for (int seed = 1; seed <= 3; seed++)
        {
            var random = new Random(seed * 7919);
            var series = new List<TestRecord>();
            foreach (string asset in OracleAssets.Ids)
            {
                series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Power, from, to, step / 4, step, StreamGenerator.PowerValue));
                series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Reactive, from, to, step, step * 3, (r, _) => r.Next(0, 500)));
            }

            long maxLateness = Math.Max(lateness, step);
            var records = StreamGenerator.Arrive(random, series, delayedShare: 0.15, maxDelay: maxLateness * 2, veryLateShare: 0.02, veryLateDelay: maxLateness * 4 + (2 * Day));
            var actual = OutputComparison.LastValues(CompiledHarness.Run(source, records));
            var expected = WindowOracle.Expected(records, oracle, lateness, stampEnd)
                .Where(e => !leftOutPoints.Contains(e.Key.Point))
                .ToDictionary();
            Assert.NotEmpty(expected);
            OutputComparison.AssertEquivalent(expected, actual, $"compiled {name}, seed {seed}");
        }
    }

    private static (string Window, long Lateness, bool StampEnd, OracleWindow Oracle, long From, long To, long Step) Describe(string name) => name switch
    {
        "tumbling 10m, lateness 0s" =>
            ("tumbling 10m lateness 0s", 0, false, OracleWindow.Tumbling(10 * Minute), At("2026-03-28T20:00:00Z"), At("2026-03-29T08:00:00Z"), 2 * Minute),
        "tumbling 10m offset 3m, lateness 7m, stamp end" =>
            ("tumbling 10m offset 3m lateness 7m stamp end", 7 * Minute, true, OracleWindow.Tumbling(10 * Minute, 3 * Minute), At("2026-01-05T00:00:00Z"), At("2026-01-05T12:00:00Z"), 2 * Minute),
        "hopping 30m step 10m, lateness 5m, emit final" =>
            ("hopping 30m step 10m lateness 5m emit final", 5 * Minute, false, OracleWindow.Hopping(30 * Minute, 10 * Minute), At("2026-01-05T00:00:00Z"), At("2026-01-05T12:00:00Z"), 3 * Minute),
        "tumbling 15m, lateness 10m, emit early every 4m" =>
            ("tumbling 15m lateness 10m emit early every 4m", 10 * Minute, false, OracleWindow.Tumbling(15 * Minute), At("2026-01-05T00:00:00Z"), At("2026-01-05T12:00:00Z"), 2 * Minute),
        "tumbling 1d across spring DST, lateness 2h" =>
            ("tumbling 1d lateness 2h", 2 * Hour, false, OracleWindow.Day, At("2026-03-27T12:00:00Z"), At("2026-03-31T12:00:00Z"), 20 * Minute),
        "tumbling 1d across autumn DST, lateness 0s, emit final" =>
            ("tumbling 1d emit final", 0, false, OracleWindow.Day, At("2026-10-23T12:00:00Z"), At("2026-10-27T12:00:00Z"), 20 * Minute),
        "tumbling 1w, lateness 1d" =>
            ("tumbling 1w lateness 1d", Day, false, OracleWindow.Week, At("2026-03-16T00:00:00Z"), At("2026-04-08T00:00:00Z"), 2 * Hour),
        "tumbling 1mo, lateness 6h" =>
            ("tumbling 1mo lateness 6h", 6 * Hour, false, OracleWindow.Month, At("2026-02-20T00:00:00Z"), At("2026-05-10T00:00:00Z"), 6 * Hour),
        "tumbling 1d offset 2h30m across spring DST (a start in the gap), lateness 1h" =>
            ("tumbling 1d offset 150m lateness 1h", Hour, false, OracleWindow.Day.WithOffset((2 * Hour) + (30 * Minute)), At("2026-03-27T12:00:00Z"), At("2026-03-31T12:00:00Z"), 20 * Minute),
        "tumbling 1d offset 2h30m across autumn DST (a start repeated), lateness 0s" =>
            ("tumbling 1d offset 150m lateness 0s", 0, false, OracleWindow.Day.WithOffset((2 * Hour) + (30 * Minute)), At("2026-10-23T12:00:00Z"), At("2026-10-27T12:00:00Z"), 20 * Minute),
        "tumbling 1w offset 36h, lateness 1d" =>
            ("tumbling 1w offset 36h lateness 1d", Day, false, OracleWindow.Week.WithOffset(36 * Hour), At("2026-03-16T00:00:00Z"), At("2026-04-08T00:00:00Z"), 2 * Hour),
        "tumbling 1mo offset 1d, lateness 6h" =>
            ("tumbling 1mo offset 1d lateness 6h", 6 * Hour, false, OracleWindow.Month.WithOffset(Day), At("2026-02-20T00:00:00Z"), At("2026-05-10T00:00:00Z"), 6 * Hour),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
