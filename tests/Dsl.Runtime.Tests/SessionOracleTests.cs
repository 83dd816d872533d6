using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

/// <summary>
/// Session windows against <see cref="SessionOracle"/> on seeded random input with gaps. The
/// delayed records (up to twice the lateness or the gap) are mostly accepted within lateness, so
/// with <c>emit ontime</c> and a lateness they join, bridge and re-cut sessions already due.
/// </summary>
public sealed class SessionOracleTests
{
    public static TheoryData<long, long, long, EmitPolicy> Cases { get; } = new()
    {
        { 5 * Minute, 30 * Minute, 0, EmitPolicy.Ontime },
        { 5 * Minute, 0, 0, EmitPolicy.Final },
        { 10 * Minute, 0, 15 * Minute, EmitPolicy.Final },
        { 7 * Minute, Hour, 10 * Minute, EmitPolicy.Final },

        // Sessions due, then changed by records accepted within lateness (joined, bridged, re-cut).
        { 5 * Minute, 30 * Minute, 10 * Minute, EmitPolicy.Ontime },
        { 10 * Minute, 0, 15 * Minute, EmitPolicy.Ontime },
        { 7 * Minute, Hour, Hour, EmitPolicy.Ontime },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Session_results_match_the_reference_on_random_out_of_order_input(long gap, long max, long lateness, EmitPolicy emit)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            var random = new Random(seed * 104729);
            var series = new List<TestRecord>();
            foreach (string asset in OracleAssets.Ids)
            {
                series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Power, At("2026-01-05T00:00:00Z"), At("2026-01-05T12:00:00Z"), Minute / 2, gap * 3 / 4, StreamGenerator.PowerValue));
            }

            var records = StreamGenerator.Arrive(random, series, delayedShare: 0.15, maxDelay: Math.Max(lateness, gap) * 2, veryLateShare: 0.02, veryLateDelay: 3 * Hour);
            var options = new WindowOptions(WindowSpec.Session(gap, max), LatenessMs: lateness, Emit: emit);
            var actual = OutputComparison.LastValues(JobHarness.Run(new OracleAggregateJob(options), records, OracleAssets.MasterData));
            var expected = SessionOracle.Expected(records, gap, max, lateness, stampEnd: false, emit);
            Assert.NotEmpty(expected);
            OutputComparison.AssertEquivalent(expected, actual, $"session {gap}/{max}/{lateness}/{emit}, seed {seed}");
        }
    }
}
