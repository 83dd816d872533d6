using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Operators.Merge;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Support;
using Dsl.Runtime.Time;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

public sealed class MergeTests
{
    private static readonly long T0 = At("2026-01-05T00:00:00Z");

    [Fact]
    public void Merge_on_a_point_uses_the_latest_other_value_at_or_before_the_trigger_time()
    {
        var outputs = Run(new OracleMergeJob(MergeTrigger.OnPoint, default, long.MaxValue, Hour),
            (OracleModel.Reactive, 0, 40), (OracleModel.Reactive, 5, 400), (OracleModel.Power, 3, 30));

        Emitted apparent = outputs.Single(o => o.Point == OracleModel.FirstMergeOutput);
        Assert.Equal((T0 + (3 * Minute), 50.0, CalMode.Ontime), (apparent.Time, apparent.Value, apparent.Mode));
        Assert.Equal(180.0, outputs.Single(o => o.Point == OracleModel.FirstMergeOutput + 3).Value);
    }

    [Fact]
    public void A_missing_value_skips_the_output_and_is_counted_unless_coalesce_absorbs_it()
    {
        var harness = new JobHarness(new OracleMergeJob(MergeTrigger.OnPoint, default, long.MaxValue, Hour));
        harness.Feed(new TestRecord("a", OracleModel.Power, T0, 30));
        harness.Complete();

        Assert.DoesNotContain(harness.Outputs, o => o.Point == OracleModel.FirstMergeOutput);
        Assert.Equal(1.0, harness.Outputs.Single(o => o.Point == OracleModel.FirstMergeOutput + 4).Value);

        // Merge0 (needs Reactive), Merge2 (needs a previous Power), Merge3 (age of Reactive).
        Assert.Equal(3, harness.Counters[Counter.SkippedMissing]);

        // Merge1 needs Rated, which asset "a" has no value for and no default.
        Assert.Equal(1, harness.Counters[Counter.SkippedAttribute]);
    }

    [Fact]
    public void A_value_older_than_hold_counts_as_missing()
    {
        var outputs = Run(new OracleMergeJob(MergeTrigger.OnPoint, default, 2 * Minute, Hour),
            (OracleModel.Reactive, 0, 40), (OracleModel.Power, 2, 30), (OracleModel.Power, 3, 30));

        Assert.Equal([T0 + (2 * Minute)], outputs.Where(o => o.Point == OracleModel.FirstMergeOutput).Select(o => o.Time));
    }

    [Fact]
    public void Merge_every_evaluates_each_grid_time_once_event_time_has_passed_it()
    {
        var harness = new JobHarness(new OracleMergeJob(MergeTrigger.Every, GridSpec.Fixed(10 * Minute), long.MaxValue, Hour));
        harness.Feed(new TestRecord("a", OracleModel.Power, T0 + (3 * Minute), 30));
        harness.Feed(new TestRecord("a", OracleModel.Reactive, T0 + (10 * Minute), 40));
        Assert.Empty(harness.Outputs);

        harness.Feed(new TestRecord("a", OracleModel.Power, T0 + (10 * Minute) + 1, 300));
        Emitted apparent = Assert.Single(harness.Outputs, o => o.Point == OracleModel.FirstMergeOutput);
        Assert.Equal((T0 + (10 * Minute), 50.0), (apparent.Time, apparent.Value));
    }

    [Fact]
    public void A_NaN_or_infinite_result_is_not_emitted_and_is_counted_invalid()
    {
        var assets = new[] { new AssetMasterData("wtg", "WindTurbine", null, new Dictionary<string, PointValue> { ["RatedPower"] = PointValue.FromNumber(0) }) };
        var harness = new JobHarness(new TurbineKpisJob(), assets);
        harness.Feed(new TestRecord("wtg", TurbineKpisJob.ActivePower, T0, 0));

        Assert.DoesNotContain(harness.Outputs, o => o.Point == TurbineKpisJob.LoadFactor);
        Assert.Equal(1, harness.Counters[Counter.InvalidResults]);
    }

    [Fact]
    public void History_functions_read_the_value_before_the_latest_one()
    {
        var history = new ValueHistory();
        history.Add(T0, 10, null, Hour);
        history.Add(T0 + (30 * Minute), 16, null, Hour);
        history.Add(T0 + (10 * Minute), 12, null, Hour);
        var scope = new MergeScope([history], T0 + (20 * Minute), long.MaxValue, default);

        Assert.True(scope.TryValue(0, out double value) && value == 12);
        Assert.True(scope.TryPrev(0, out double prev) && prev == 10);
        Assert.True(scope.TryDelta(0, out double delta) && delta == 2);
        Assert.True(scope.TryRate(0, out double rate) && rate == 12);
        Assert.True(scope.TryAge(0, out double age) && age == 600);
    }

    [Fact]
    public void A_value_history_keeps_its_retention_and_the_two_values_before_it()
    {
        var history = new ValueHistory();
        for (int minute = 0; minute <= 120; minute += 10)
        {
            history.Add(T0 + (minute * Minute), minute, null, Hour);
        }

        Assert.Equal(T0 + (40 * Minute), history.TimeAt(0));
        Assert.Equal(9, history.Count);
    }

    [Fact]
    public void A_trigger_that_is_not_the_first_input_keeps_its_own_values()
    {
        // Inputs [Reactive, Power], triggered by Power (input 1): Reactive + 1000 × Power.
        var outputs = JobHarness.Run(
            new SecondInputTriggerJob(),
            [new TestRecord("a", OracleModel.Reactive, T0, 4), new TestRecord("a", OracleModel.Power, T0 + Minute, 3)]);

        Emitted sum = Assert.Single(outputs);
        Assert.Equal((T0 + Minute, 3004.0), (sum.Time, sum.Value));
    }

    private static List<Emitted> Run(OracleMergeJob job, params (int Point, int Minute, double Value)[] records) =>
        JobHarness.Run(job, records.Select(r => new TestRecord("a", r.Point, T0 + (r.Minute * Minute), r.Value)));

    private sealed class SecondInputTriggerJob : Runtime.Jobs.CompiledJob
    {
        public override Runtime.Jobs.JobManifest Manifest => OracleModel.Manifest;

        public override Runtime.Jobs.JobInstance CreateInstance(Runtime.Jobs.JobContext context) => new Instance(context);

        private sealed class Instance : Runtime.Jobs.JobInstance
        {
            private readonly MergeOperator<Sum> _merge;

            public Instance(Runtime.Jobs.JobContext context)
                : base(context) =>
                _merge = Register(new MergeOperator<Sum>(
                    context,
                    "merge0",
                    new MergeOptions(MergeTrigger.OnPoint, [OracleModel.Reactive, OracleModel.Power], [OracleModel.FirstMergeOutput], TriggerInput: 1, HoldMs: long.MaxValue)));

            protected override void Dispatch(in InputRecord record)
            {
                if (record.Point == OracleModel.Reactive)
                {
                    _merge.OnRecord(record, 0);
                }
                else if (record.Point == OracleModel.Power)
                {
                    _merge.OnRecord(record, 1);
                }
            }
        }

        private readonly struct Sum : IMergeOutputs
        {
            public void EvaluateAll(in MergeScope scope, in MergeEmitter emitter)
            {
                emitter.Result(0, Evaluate(scope, out PointValue value), value);
            }

            private static Runtime.Operators.EvalStatus Evaluate(in MergeScope scope, out PointValue value)
            {
                value = default;
                if (!scope.TryValue(0, out double reactive) || !scope.TryValue(1, out double power))
                {
                    return Runtime.Operators.EvalStatus.Missing;
                }

                value = PointValue.FromNumber(reactive + (1000 * power));
                return Runtime.Operators.EvalStatus.Ok;
            }
        }
    }
}
