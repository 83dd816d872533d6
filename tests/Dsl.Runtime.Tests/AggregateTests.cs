using Dsl.Runtime.Hosting;
using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

/// <summary>Every aggregate on one window of four samples: 10 at 0m, 20 at 2m, 40 at 5m, 30 at 7m (arriving out of order).</summary>
public sealed class AggregateTests
{
    private static readonly long T0 = At("2026-01-05T00:00:00Z");

    [Theory]
    [InlineData(AggregateKind.Count, 4)]
    [InlineData(AggregateKind.Sum, 100)]
    [InlineData(AggregateKind.Avg, 25)]
    [InlineData(AggregateKind.Min, 10)]
    [InlineData(AggregateKind.Max, 40)]
    [InlineData(AggregateKind.First, 10)]
    [InlineData(AggregateKind.Last, 30)]
    [InlineData(AggregateKind.Variance, 500.0 / 3)]
    [InlineData(AggregateKind.StdDev, 12.909944487358056)]
    [InlineData(AggregateKind.Median, 25)]
    [InlineData(AggregateKind.Percentile, 37)]
    [InlineData(AggregateKind.Spread, 30)]
    [InlineData(AggregateKind.Delta, 20)]
    [InlineData(AggregateKind.Twa, 25)]
    [InlineData(AggregateKind.Integral, 190.0 / 60)]
    public void Each_aggregate_follows_its_definition(AggregateKind kind, double expected)
    {
        var outputs = Run(new WindowOptions(WindowSpec.Tumbling(10 * Minute), LatenessMs: 10 * Minute),
            (7, 30), (0, 10), (5, 40), (2, 20));

        int point = OracleModel.FirstAggregateOutput + (int)kind;
        Emitted result = outputs.Last(o => o.Point == point);
        Assert.Equal(expected, result.Value, 12);
        Assert.Equal(T0, result.Time);
    }

    [Fact]
    public void First_and_last_break_ties_in_time_by_arrival()
    {
        var outputs = Run(new WindowOptions(WindowSpec.Tumbling(10 * Minute)), (3, 1), (3, 2), (3, 3));

        Assert.Equal(1, outputs.Single(o => o.Point == OracleModel.FirstAggregateOutput + (int)AggregateKind.First).Value);
        Assert.Equal(3, outputs.Single(o => o.Point == OracleModel.FirstAggregateOutput + (int)AggregateKind.Last).Value);
    }

    [Fact]
    public void The_variance_and_standard_deviation_of_one_value_are_not_emitted()
    {
        var outputs = Run(new WindowOptions(WindowSpec.Tumbling(10 * Minute)), (3, 7));

        Assert.DoesNotContain(outputs, o => o.Point == OracleModel.FirstAggregateOutput + (int)AggregateKind.Variance);
        Assert.DoesNotContain(outputs, o => o.Point == OracleModel.FirstAggregateOutput + (int)AggregateKind.StdDev);
        Assert.Equal(7, outputs.Single(o => o.Point == OracleModel.FirstAggregateOutput + (int)AggregateKind.Twa).Value);
        Assert.Equal(0, outputs.Single(o => o.Point == OracleModel.FirstAggregateOutput + (int)AggregateKind.Integral).Value);
    }

    [Fact]
    public void Where_filters_the_records_of_one_output_only()
    {
        var outputs = Run(new WindowOptions(WindowSpec.Tumbling(10 * Minute)), (1, 500), (2, 1500), (3, 2500));

        Assert.Equal(2000, outputs.Single(o => o.Point == OracleModel.FirstAggregateOutput + 15).Value);
        Assert.Equal(1500, outputs.Single(o => o.Point == OracleModel.FirstAggregateOutput + (int)AggregateKind.Avg).Value);
    }

    [Fact]
    public void An_output_over_an_attribute_the_asset_lacks_is_skipped_and_counted()
    {
        var harness = new JobHarness(new OracleAggregateJob(new WindowOptions(WindowSpec.Tumbling(10 * Minute))), Oracles.OracleAssets.MasterData);
        harness.Feed(new TestRecord("berlin-2", OracleModel.Power, T0, 100));
        harness.Feed(new TestRecord("berlin-1", OracleModel.Power, T0, 300));
        harness.Complete();

        int point = OracleModel.FirstAggregateOutput + 17;
        Emitted only = Assert.Single(harness.Outputs, o => o.Point == point);
        Assert.Equal("berlin-1", only.Asset);
        Assert.Equal(0.1, only.Value, 12);
        Assert.Equal(1, harness.Counters[Counter.SkippedAttribute]);
    }

    private static List<Emitted> Run(WindowOptions options, params (int Minute, double Value)[] samples) =>
        JobHarness.Run(new OracleAggregateJob(options), samples.Select(s => new TestRecord("a", OracleModel.Power, T0 + (s.Minute * Minute), s.Value)));
}
