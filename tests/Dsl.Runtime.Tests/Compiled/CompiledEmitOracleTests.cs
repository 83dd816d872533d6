using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// The comparisons of <see cref="EmitOracleTests"/> on compiled jobs: every result of each window,
/// in order and with its mode, with all aggregates and with the tumbling windows' dense head slots.
/// </summary>
public sealed class CompiledEmitOracleTests
{
    public static TheoryData<string, string> Cases { get; } = new()
    {
        { "tumbling 10m lateness 5m", "2026-01-05T00:00:00Z" },
        { "hopping 30m step 10m lateness 5m emit early every 7m", "2026-01-05T00:00:00Z" },
        { "tumbling 15m lateness 10m emit early every 4m", "2026-03-28T20:00:00Z" },
        { "tumbling 15m lateness 10m emit final", "2026-01-05T00:00:00Z" },
        { "tumbling 1d lateness 2h emit early every 5h", "2026-03-27T12:00:00Z" },
        { "tumbling 1d lateness 1h", "2026-10-23T12:00:00Z" },
        { "tumbling 1d lateness 3h emit final", "2026-10-23T12:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compiled_windows_write_the_results_of_their_emit_policy_in_order(string window, string from)
    {
        var (oracle, lateness, emit, every, step) = Describe(window);
        long start = At(from);
        long end = start + (oracle.Kind == "day" ? 4 * Day : 12 * Hour);
        foreach (string source in new[] { OracleJobSource.Aggregate(window), OracleJobSource.AggregateWithHead(window) })
        {
            for (int seed = 1; seed <= 2; seed++)
            {
                var random = new Random(seed * 6007);
                var series = new List<TestRecord>();
                foreach (string asset in OracleAssets.Ids)
                {
                    series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Power, start, end, step / 4, step, StreamGenerator.PowerValue));
                }

                long spread = Math.Max(lateness, step);
                var records = StreamGenerator.Arrive(random, series, delayedShare: 0.2, maxDelay: spread * 2, veryLateShare: 0.02, veryLateDelay: spread * 4);
                var actual = EmitOracle.Sequences(CompiledHarness.Run(source, records));
                var expected = EmitOracle.Expected(records, oracle, lateness, emit, every);
                Assert.NotEmpty(expected);
                foreach (var (key, sequence) in expected)
                {
                    Assert.True(actual.TryGetValue(key, out var written), $"{window}, seed {seed}: nothing written for {key}, expected {Text(sequence)}");
                    Assert.True(EmitOracleTests.Same(sequence, written), $"{window}, seed {seed}, {key}: expected {Text(sequence)}, written {Text(written)}");
                }

                Assert.Empty(actual.Keys.Except(expected.Keys));
            }
        }
    }

    private static string Text(List<(CalMode Mode, double Value)> sequence) => string.Join(", ", sequence.Select(s => $"{s.Mode} {s.Value}"));

    private static (OracleWindow Oracle, long Lateness, Operators.Windows.EmitPolicy Emit, long Every, long Step) Describe(string window) => window switch
    {
        "tumbling 10m lateness 5m" => (OracleWindow.Tumbling(10 * Minute), 5 * Minute, Operators.Windows.EmitPolicy.Ontime, 0, 2 * Minute),
        "hopping 30m step 10m lateness 5m emit early every 7m" => (OracleWindow.Hopping(30 * Minute, 10 * Minute), 5 * Minute, Operators.Windows.EmitPolicy.Early, 7 * Minute, 3 * Minute),
        "tumbling 15m lateness 10m emit early every 4m" => (OracleWindow.Tumbling(15 * Minute), 10 * Minute, Operators.Windows.EmitPolicy.Early, 4 * Minute, 2 * Minute),
        "tumbling 15m lateness 10m emit final" => (OracleWindow.Tumbling(15 * Minute), 10 * Minute, Operators.Windows.EmitPolicy.Final, 0, 2 * Minute),
        "tumbling 1d lateness 2h emit early every 5h" => (OracleWindow.Day, 2 * Hour, Operators.Windows.EmitPolicy.Early, 5 * Hour, 20 * Minute),
        "tumbling 1d lateness 1h" => (OracleWindow.Day, Hour, Operators.Windows.EmitPolicy.Ontime, 0, 20 * Minute),
        "tumbling 1d lateness 3h emit final" => (OracleWindow.Day, 3 * Hour, Operators.Windows.EmitPolicy.Final, 0, 20 * Minute),
        _ => throw new ArgumentOutOfRangeException(nameof(window)),
    };
}
