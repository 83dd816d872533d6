using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using Dsl.Runtime.Time;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

/// <summary>
/// Tumbling, hopping and calendar windows against <see cref="WindowOracle"/> on seeded random input
/// with out-of-order records within and beyond lateness, invalid values, duplicates and gaps, over
/// the 2026 DST days of Europe/Berlin and for assets in several zones.
/// </summary>
public sealed class WindowOracleTests
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
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Window_results_match_the_reference_on_random_out_of_order_input(string name)
    {
        var (options, oracle, from, to, step) = Describe(name);
        AssertMatchesReference(name, options, oracle, from, to, step, OracleAssets.Ids);
    }

    /// <summary>Days and quarters of an hour in zones that shift by 30 minutes, at or just after midnight, or sit 5:45 off UTC.</summary>
    [Theory]
    [InlineData("2026-04-02T00:00:00Z", "2026-04-08T00:00:00Z")] // both fall back: Lord Howe by 30 minutes, Santiago at midnight
    [InlineData("2026-09-04T00:00:00Z", "2026-09-08T00:00:00Z")] // Santiago's 6 September begins at 01:00
    [InlineData("2026-10-01T12:00:00Z", "2026-10-05T12:00:00Z")] // Lord Howe springs forward by 30 minutes
    [InlineData("2010-11-05T12:00:00Z", "2010-11-09T12:00:00Z")] // Goose Bay falls back at 00:01
    public void Daily_and_quarter_hour_windows_match_the_reference_in_zones_with_unusual_days(string from, string to)
    {
        var day = new WindowOptions(WindowSpec.Calendar(CalendarUnit.Day), LatenessMs: 2 * Hour);
        AssertMatchesReference($"1d from {from}", day, OracleWindow.Day, At(from), At(to), 20 * Minute, OracleAssets.UnusualZoneIds);
        var quarter = new WindowOptions(WindowSpec.Tumbling(15 * Minute), LatenessMs: 10 * Minute);
        AssertMatchesReference($"15m from {from}", quarter, OracleWindow.Tumbling(15 * Minute), At(from), At(from) + Day, 2 * Minute, OracleAssets.UnusualZoneIds);
    }

    private static void AssertMatchesReference(string name, WindowOptions options, OracleWindow oracle, long from, long to, long step, string[] assets)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            var random = new Random(seed * 7919);
            var series = new List<TestRecord>();
            foreach (string asset in assets)
            {
                series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Power, from, to, step / 4, step, StreamGenerator.PowerValue));
                series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Reactive, from, to, step, step * 3, (r, _) => r.Next(0, 500)));
            }

            long lateness = Math.Max(options.LatenessMs, step);
            var records = StreamGenerator.Arrive(random, series, delayedShare: 0.15, maxDelay: lateness * 2, veryLateShare: 0.02, veryLateDelay: lateness * 4 + (2 * Day));
            var actual = OutputComparison.LastValues(JobHarness.Run(new OracleAggregateJob(options), records, OracleAssets.MasterData));
            var expected = WindowOracle.Expected(records, oracle, options.LatenessMs, options.StampEnd);
            Assert.NotEmpty(expected);
            OutputComparison.AssertEquivalent(expected, actual, $"{name}, seed {seed}");
        }
    }

    private static (WindowOptions Options, OracleWindow Oracle, long From, long To, long Step) Describe(string name) => name switch
    {
        "tumbling 10m, lateness 0s" =>
            (new WindowOptions(WindowSpec.Tumbling(10 * Minute)), OracleWindow.Tumbling(10 * Minute), At("2026-03-28T20:00:00Z"), At("2026-03-29T08:00:00Z"), 2 * Minute),
        "tumbling 10m offset 3m, lateness 7m, stamp end" =>
            (new WindowOptions(WindowSpec.Tumbling(10 * Minute, 3 * Minute), LatenessMs: 7 * Minute, StampEnd: true), OracleWindow.Tumbling(10 * Minute, 3 * Minute), At("2026-01-05T00:00:00Z"), At("2026-01-05T12:00:00Z"), 2 * Minute),
        "hopping 30m step 10m, lateness 5m, emit final" =>
            (new WindowOptions(WindowSpec.Hopping(30 * Minute, 10 * Minute), LatenessMs: 5 * Minute, Emit: EmitPolicy.Final), OracleWindow.Hopping(30 * Minute, 10 * Minute), At("2026-01-05T00:00:00Z"), At("2026-01-05T12:00:00Z"), 3 * Minute),
        "tumbling 15m, lateness 10m, emit early every 4m" =>
            (new WindowOptions(WindowSpec.Tumbling(15 * Minute), LatenessMs: 10 * Minute, Emit: EmitPolicy.Early, EarlyEveryMs: 4 * Minute), OracleWindow.Tumbling(15 * Minute), At("2026-01-05T00:00:00Z"), At("2026-01-05T12:00:00Z"), 2 * Minute),
        "tumbling 1d across spring DST, lateness 2h" =>
            (new WindowOptions(WindowSpec.Calendar(CalendarUnit.Day), LatenessMs: 2 * Hour), OracleWindow.Day, At("2026-03-27T12:00:00Z"), At("2026-03-31T12:00:00Z"), 20 * Minute),
        "tumbling 1d across autumn DST, lateness 0s, emit final" =>
            (new WindowOptions(WindowSpec.Calendar(CalendarUnit.Day), Emit: EmitPolicy.Final), OracleWindow.Day, At("2026-10-23T12:00:00Z"), At("2026-10-27T12:00:00Z"), 20 * Minute),
        "tumbling 1w, lateness 1d" =>
            (new WindowOptions(WindowSpec.Calendar(CalendarUnit.Week), LatenessMs: Day), OracleWindow.Week, At("2026-03-16T00:00:00Z"), At("2026-04-08T00:00:00Z"), 2 * Hour),
        "tumbling 1mo, lateness 6h" =>
            (new WindowOptions(WindowSpec.Calendar(CalendarUnit.Month), LatenessMs: 6 * Hour), OracleWindow.Month, At("2026-02-20T00:00:00Z"), At("2026-05-10T00:00:00Z"), 6 * Hour),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
