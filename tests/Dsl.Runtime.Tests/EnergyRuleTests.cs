using Dsl.Runtime.Hosting;
using Dsl.Runtime.Operators.Energy;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Support;
using Dsl.Runtime.Time;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

/// <summary>The numbered rules of <c>by meter</c> in the language spec, and the power methods, one at a time.</summary>
public sealed class EnergyRuleTests
{
    // Local midnight of 2026-01-05 in Berlin (the oracle job's zone).
    private static readonly long Day0 = At("2026-01-04T23:00:00Z");
    private static readonly EnergyOutput[] Daily = [EnergyOutput.Daily(OracleModel.DailyEnergy)];
    private static readonly EnergyOutput[] Quarters = [new EnergyOutput(OracleModel.Energy15m, GridSpec.Fixed(15 * Minute))];

    [Fact]
    public void Rule_3_the_baseline_does_not_move_on_an_unchanged_reading()
    {
        // 4 kWh over 2 h is a slope of 2 (valid); measured from the flat reading it would be 4 (invalid).
        double total = DailyTotal(Meter(ValueInterval.Closed(0, 3)), (0, 100), (60, 100), (120, 104));

        Assert.Equal(4, total);
    }

    [Fact]
    public void Rule_4_slope_bounds_include_the_lower_bound()
    {
        Assert.Equal(2, DailyTotal(Meter(ValueInterval.Closed(2, 10)), (0, 100), (60, 102)));
        Assert.Equal(0, DailyTotal(Meter(ValueInterval.OpenClosed(2, 10)), (0, 100), (60, 102)));
    }

    [Fact]
    public void Rule_4_a_step_at_the_bound_is_inside_however_small_beside_the_register()
    {
        // 18,472,905.124 − 18,472,905.123 is 0.0010000020265579224 in binary floating point.
        var harness = Run(Meter(ValueInterval.Closed(0, 0.001)), (0, 18_472_905.123), (60, 18_472_905.124), (120, 18_472_905.125));

        Assert.Equal(0, harness.Counters[Counter.DiscardedSteps]);
        Assert.Equal(0.002, harness.Outputs.Single(o => o.Point == OracleModel.DailyEnergy).Value, 1e-9);
    }

    [Fact]
    public void Rule_4_a_discarded_step_still_moves_the_baseline_and_is_counted()
    {
        var harness = Run(Meter(ValueInterval.Closed(0, 100)), (0, 100), (60, 10_000), (120, 10_002), (180, 5));

        Assert.Equal(2, harness.Outputs.Single(o => o.Point == OracleModel.DailyEnergy).Value);
        Assert.Equal(2, harness.Counters[Counter.DiscardedSteps]);
    }

    [Fact]
    public void Rule_4_a_discarded_step_that_a_late_reading_splits_stays_counted()
    {
        // 100 → 10,000 in two hours is outside [0, 100] per hour, and is counted. The reading of
        // 9,990 between them, arriving last, makes two steps of it: 100 → 9,990, discarded too,
        // and 9,990 → 10,000, 10 kWh. The total is the in-order one; the count keeps the discard
        // found before the split, as a counter never goes down.
        var harness = Run(Meter(ValueInterval.Closed(0, 100)), (0, 100), (120, 10_000), (60, 9_990));

        Assert.Equal(10, harness.Outputs.Where(o => o.Point == OracleModel.DailyEnergy).Last().Value);
        Assert.Equal(2, harness.Counters[Counter.DiscardedSteps]);
        Assert.Equal(1, Run(Meter(ValueInterval.Closed(0, 100)), (0, 100), (60, 9_990), (120, 10_000)).Counters[Counter.DiscardedSteps]);
    }

    [Fact]
    public void Rule_5_with_rollover_a_wrapped_counter_counts_its_wrapped_delta()
    {
        var options = new EnergyOptions(EnergyMethod.Meter, Daily, Rollover: 100_000);

        Assert.Equal(15, DailyTotal(new MeterJob(options, ValueInterval.Closed(0, 100)), (0, 99_990), (60, 5)));
        Assert.Equal(0, DailyTotal(Meter(ValueInterval.Closed(0, 100)), (0, 99_990), (60, 5)));
    }

    [Fact]
    public void Rule_6_a_step_across_midnight_belongs_whole_to_the_day_of_its_end_reading()
    {
        var harness = Run(Meter(ValueInterval.Closed(0, 100)), (-10, 100), (10, 110), (1440, 110));

        Assert.Equal(
            [(Day0 - Day, 0.0), (Day0, 10.0), (Day0 + Day, 0.0)],
            harness.Outputs.Where(o => o.Point == OracleModel.DailyEnergy).Select(o => (o.Time, o.Value)));
    }

    [Fact]
    public void Split_pro_rates_a_step_by_time_across_midnight()
    {
        var options = new EnergyOptions(EnergyMethod.Meter, Daily, Split: true);
        var harness = Run(new MeterJob(options, ValueInterval.Closed(0, 100)), (-10, 100), (10, 110));

        Assert.Equal(
            [(Day0 - Day, 5.0), (Day0, 5.0)],
            harness.Outputs.Where(o => o.Point == OracleModel.DailyEnergy).Select(o => (o.Time, o.Value)));
    }

    [Fact]
    public void Rule_7_a_days_total_is_emitted_at_the_day_start_when_event_time_passes_the_day_end()
    {
        var harness = new JobHarness(Meter(ValueInterval.Closed(0, 100)));
        Feed(harness, (0, 100), (600, 110), (1439, 120));
        Assert.Empty(harness.Outputs);

        Feed(harness, (1440, 121));
        Emitted day = Assert.Single(harness.Outputs);
        Assert.Equal((Day0, 20.0, CalMode.Ontime), (day.Time, day.Value, day.Mode));
    }

    [Fact]
    public void Rule_7_a_late_reading_within_lateness_updates_an_emitted_day()
    {
        var options = new EnergyOptions(EnergyMethod.Meter, Daily, LatenessMs: Hour);
        var harness = new JobHarness(new MeterJob(options, ValueInterval.Closed(0, 10)));

        // Without the late reading at 23:00 the step 22:00 → 00:30 has slope 8 (valid) and goes to the new day;
        // with it, 22:00 → 23:00 (slope 4) belongs to the old day and 23:00 → 00:30 (slope 10/1.5) to the new one.
        Feed(harness, (1320, 100), (1470, 120), (1380, 110));

        Assert.Equal(
            [(Day0, 0.0, CalMode.Ontime), (Day0, 10.0, CalMode.Update)],
            harness.Outputs.Where(o => o.Time == Day0).Select(o => (o.Time, o.Value, o.Mode)));
        harness.Complete();
        Assert.Equal(10.0, harness.Outputs.Last(o => o.Time == Day0 + Day).Value);
    }

    [Fact]
    public void A_reading_behind_an_expired_interval_is_late()
    {
        var options = new EnergyOptions(EnergyMethod.Meter, Quarters, LatenessMs: 5 * Minute);
        var harness = new JobHarness(new MeterJob(options, ValueInterval.Closed(0, 1000)));
        Feed(harness, (0, 100), (20, 110), (14, 105));

        Assert.Equal(1, harness.Counters[Counter.Late]);
    }

    [Fact]
    public void Scale_multiplies_every_step()
    {
        Assert.Equal(40, DailyTotal(new MeterJob(new EnergyOptions(EnergyMethod.Meter, Daily), ValueInterval.Closed(0, 100), scale: 4), (0, 100), (60, 110)));
    }

    [Fact]
    public void Instant_power_integrates_by_trapezoid_and_average_power_by_rectangle()
    {
        Assert.Equal(15, DailyTotal(Power(EnergyMethod.InstantPower), (0, 10), (60, 20)));
        Assert.Equal(20, DailyTotal(Power(EnergyMethod.AveragePower), (0, 10), (60, 20)));
    }

    [Fact]
    public void A_power_point_in_W_is_divided_by_1000()
    {
        var options = new EnergyOptions(EnergyMethod.AveragePower, Daily, UnitFactor: 0.001);

        Assert.Equal(2, DailyTotal(new MeterJob(options, ValueInterval.All), (0, 1000), (60, 2000)));
    }

    [Fact]
    public void Missing_last_replaces_an_out_of_range_sample_and_missing_ignore_skips_it()
    {
        // 10 kW at 0 h, 500 (out of range) at 1 h, then 10 (or 30) at 2 h.
        var last = new EnergyOptions(EnergyMethod.InstantPower, Daily, PowerRange: ValueInterval.Closed(0, 100), Missing: MissingPolicy.Last);
        var ignore = last with { Missing = MissingPolicy.Ignore };

        Assert.Equal(20, DailyTotal(new MeterJob(last, ValueInterval.All), (0, 10), (60, 500), (120, 10)));
        Assert.Equal(40, DailyTotal(new MeterJob(ignore, ValueInterval.All), (0, 10), (60, 500), (120, 30)));
    }

    private static MeterJob Meter(ValueInterval slope) => new(new EnergyOptions(EnergyMethod.Meter, Daily), slope);

    private static MeterJob Power(EnergyMethod method) => new(new EnergyOptions(method, Daily), ValueInterval.All);

    private static double DailyTotal(MeterJob job, params (int Minute, double Value)[] readings) =>
        Run(job, readings).Outputs.Where(o => o.Point == OracleModel.DailyEnergy).Sum(o => o.Value);

    private static JobHarness Run(MeterJob job, params (int Minute, double Value)[] readings)
    {
        var harness = new JobHarness(job);
        Feed(harness, readings);
        harness.Complete();
        return harness;
    }

    private static void Feed(JobHarness harness, params (int Minute, double Value)[] readings)
    {
        foreach (var (minute, value) in readings)
        {
            harness.Feed(new TestRecord("m", OracleModel.Meter, Day0 + (minute * Minute), value));
            harness.Feed(new TestRecord("m", OracleModel.Power, Day0 + (minute * Minute), value));
        }
    }
}
