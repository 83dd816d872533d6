using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using Dsl.Runtime.Time;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

/// <summary>
/// Every result a window writes, in order and with its mode (<c>early</c>, <c>ontime</c>,
/// <c>update</c>, <c>final</c>), against <see cref="EmitOracle"/> on seeded random out-of-order
/// input with records within and beyond the lateness, including the Europe/Berlin DST days.
/// </summary>
public sealed class EmitOracleTests
{
    public static TheoryData<string> Cases { get; } =
    [
        "tumbling 10m, lateness 5m, emit ontime",
        "tumbling 10m, lateness 0s, emit ontime",
        "hopping 30m step 10m, lateness 5m, emit ontime",
        "hopping 30m step 10m, lateness 5m, emit early every 7m",
        "tumbling 15m, lateness 10m, emit early every 4m",
        "tumbling 15m, lateness 10m, emit final",
        "tumbling 1d across spring DST, lateness 2h, emit early every 5h",
        "tumbling 1d across autumn DST, lateness 1h, emit early every 6h",
        "tumbling 1d across autumn DST, lateness 3h, emit final",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_window_writes_the_results_of_its_emit_policy_in_order(string name)
    {
        var (options, oracle, from, to, step) = Describe(name);
        for (int seed = 1; seed <= 3; seed++)
        {
            var random = new Random(seed * 4391);
            var series = new List<TestRecord>();
            foreach (string asset in OracleAssets.Ids)
            {
                series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Power, from, to, step / 4, step, StreamGenerator.PowerValue));
            }

            long lateness = Math.Max(options.LatenessMs, step);
            var records = StreamGenerator.Arrive(random, series, delayedShare: 0.2, maxDelay: lateness * 2, veryLateShare: 0.02, veryLateDelay: lateness * 4);
            var actual = EmitOracle.Sequences(JobHarness.Run(new OracleAggregateJob(options), records, OracleAssets.MasterData));
            var expected = EmitOracle.Expected(records, oracle, options.LatenessMs, options.Emit, options.EarlyEveryMs);
            Assert.NotEmpty(expected);
            if (options.Emit != EmitPolicy.Final && options.LatenessMs > 0)
            {
                // The input reaches the cases that write more than once: late records accepted.
                Assert.Contains(expected.Values, list => list.Any(s => s.Mode == CalMode.Update));
            }

            if (options.Emit == EmitPolicy.Early)
            {
                Assert.Contains(expected.Values, list => list.Any(s => s.Mode == CalMode.Early));
            }
            foreach (var (key, sequence) in expected)
            {
                Assert.True(actual.TryGetValue(key, out var written), $"{name}, seed {seed}: nothing written for {key}, expected {Describe(sequence)}");
                Assert.True(Same(sequence, written), $"{name}, seed {seed}, {key}: expected {Describe(sequence)}, written {Describe(written)}");
            }

            Assert.Empty(actual.Keys.Except(expected.Keys));
        }
    }

    internal static bool Same(List<(CalMode Mode, double Value)> expected, List<(CalMode Mode, double Value)> actual) =>
        expected.Count == actual.Count && expected.Zip(actual).All(p => p.First.Mode == p.Second.Mode && Math.Abs(p.First.Value - p.Second.Value) <= 1e-9 * Math.Max(1, Math.Abs(p.First.Value)));

    private static string Describe(List<(CalMode Mode, double Value)> sequence) => string.Join(", ", sequence.Select(s => $"{s.Mode} {s.Value}"));

    private static (WindowOptions Options, OracleWindow Oracle, long From, long To, long Step) Describe(string name) => name switch
    {
        "tumbling 10m, lateness 5m, emit ontime" =>
            (new WindowOptions(WindowSpec.Tumbling(10 * Minute), LatenessMs: 5 * Minute), OracleWindow.Tumbling(10 * Minute), At("2026-01-05T00:00:00Z"), At("2026-01-05T12:00:00Z"), 2 * Minute),
        "tumbling 10m, lateness 0s, emit ontime" =>
            (new WindowOptions(WindowSpec.Tumbling(10 * Minute)), OracleWindow.Tumbling(10 * Minute), At("2026-03-28T20:00:00Z"), At("2026-03-29T08:00:00Z"), 2 * Minute),
        "hopping 30m step 10m, lateness 5m, emit ontime" =>
            (new WindowOptions(WindowSpec.Hopping(30 * Minute, 10 * Minute), LatenessMs: 5 * Minute), OracleWindow.Hopping(30 * Minute, 10 * Minute), At("2026-01-05T00:00:00Z"), At("2026-01-05T12:00:00Z"), 3 * Minute),
        "hopping 30m step 10m, lateness 5m, emit early every 7m" =>
            (new WindowOptions(WindowSpec.Hopping(30 * Minute, 10 * Minute), LatenessMs: 5 * Minute, Emit: EmitPolicy.Early, EarlyEveryMs: 7 * Minute), OracleWindow.Hopping(30 * Minute, 10 * Minute), At("2026-01-05T00:00:00Z"), At("2026-01-05T12:00:00Z"), 3 * Minute),
        "tumbling 15m, lateness 10m, emit early every 4m" =>
            (new WindowOptions(WindowSpec.Tumbling(15 * Minute), LatenessMs: 10 * Minute, Emit: EmitPolicy.Early, EarlyEveryMs: 4 * Minute), OracleWindow.Tumbling(15 * Minute), At("2026-01-05T00:00:00Z"), At("2026-01-05T12:00:00Z"), 2 * Minute),
        "tumbling 15m, lateness 10m, emit final" =>
            (new WindowOptions(WindowSpec.Tumbling(15 * Minute), LatenessMs: 10 * Minute, Emit: EmitPolicy.Final), OracleWindow.Tumbling(15 * Minute), At("2026-01-05T00:00:00Z"), At("2026-01-05T12:00:00Z"), 2 * Minute),
        "tumbling 1d across spring DST, lateness 2h, emit early every 5h" =>
            (new WindowOptions(WindowSpec.Calendar(CalendarUnit.Day), LatenessMs: 2 * Hour, Emit: EmitPolicy.Early, EarlyEveryMs: 5 * Hour), OracleWindow.Day, At("2026-03-27T12:00:00Z"), At("2026-03-31T12:00:00Z"), 20 * Minute),
        "tumbling 1d across autumn DST, lateness 1h, emit early every 6h" =>
            (new WindowOptions(WindowSpec.Calendar(CalendarUnit.Day), LatenessMs: Hour, Emit: EmitPolicy.Early, EarlyEveryMs: 6 * Hour), OracleWindow.Day, At("2026-10-23T12:00:00Z"), At("2026-10-27T12:00:00Z"), 20 * Minute),
        "tumbling 1d across autumn DST, lateness 3h, emit final" =>
            (new WindowOptions(WindowSpec.Calendar(CalendarUnit.Day), LatenessMs: 3 * Hour, Emit: EmitPolicy.Final), OracleWindow.Day, At("2026-10-23T12:00:00Z"), At("2026-10-27T12:00:00Z"), 20 * Minute),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
