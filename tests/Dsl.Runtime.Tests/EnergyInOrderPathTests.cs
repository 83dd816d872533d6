using Dsl.Runtime.Hosting;
using Dsl.Runtime.Operators.Energy;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

/// <summary>
/// The energy rule's paths for its newest readings (<c>TryAppendToHead</c>, <c>TryAppendToOpen</c>):
/// which readings take them, and that they keep the state as the general path would. That it gives the same outputs and counts
/// is checked on every oracle stream (<see cref="EnergyOracleTests"/>).
/// </summary>
public sealed class EnergyInOrderPathTests
{
    [Fact]
    public void Only_a_valid_reading_at_or_after_the_latest_in_open_intervals_takes_the_path()
    {
        var options = new EnergyOptions(EnergyMethod.Meter, [EnergyOutput.Daily(OracleModel.DailyEnergy)], LatenessMs: 30 * Minute);
        var (session, energy, _) = Start(options);
        int model = session.Points.ModelOf(OracleModel.Meter);
        int berlin = session.Assets.GetOrAdd("berlin-1", model);
        long noon = At("2026-03-27T11:00:00Z"); // 12:00 in Berlin
        InputRecord Reading(int asset, long time, double value, bool valid = true) => new(asset, OracleModel.Meter, time, value, null, 0, valid);

        // An asset's first reading opens its state and interval: the general path's work.
        Assert.False(energy.TryAppendToOpen(Reading(berlin, noon, 100)));
        session.Process(Reading(berlin, noon, 100));

        Assert.True(energy.TryAppendToOpen(Reading(berlin, noon + Minute, 101)));
        Assert.True(energy.TryAppendToOpen(Reading(berlin, noon + Minute, 101)), "A tie with the latest time is in order.");
        Assert.False(energy.TryAppendToOpen(Reading(berlin, noon - Minute, 99)), "Before the latest time: possibly late.");
        Assert.False(energy.TryAppendToOpen(Reading(berlin, noon + Minute, 102, valid: false)));
        Assert.False(energy.TryAppendToOpen(Reading(berlin, At("2026-03-27T23:00:00Z"), 150)), "Midnight in Berlin: a day not open yet.");
        Assert.Equal(3, energy.HorizonTimes(berlin).Length);
    }

    [Fact]
    public void A_meter_reading_in_order_that_makes_a_plain_step_is_an_append_to_its_assets_head()
    {
        var options = new EnergyOptions(EnergyMethod.Meter, [EnergyOutput.Daily(OracleModel.DailyEnergy)], LatenessMs: 30 * Minute);
        var (session, energy, sink) = Start(options);
        int berlin = session.Assets.GetOrAdd("berlin-1", session.Points.ModelOf(OracleModel.Meter));
        long noon = At("2026-03-27T11:00:00Z"); // 12:00 in Berlin
        InputRecord Reading(long time, double value, bool valid = true) => new(berlin, OracleModel.Meter, time, value, null, 0, valid);

        // The first reading opens the state, the day and the baseline: the general path's work.
        Assert.False(energy.TryAppendToHead(Reading(noon, 100)));
        session.Process(Reading(noon, 100));

        Assert.True(energy.TryAppendToHead(Reading(noon + Minute, 101)));
        Assert.True(energy.TryAppendToHead(Reading(noon + Minute, 101)), "A tie with the latest time is in order.");
        Assert.True(energy.TryAppendToHead(Reading(noon + (2 * Minute), 101)), "A flat reading makes no step.");
        Assert.False(energy.TryAppendToHead(Reading(noon, 99)), "Before the latest time: possibly late.");
        Assert.False(energy.TryAppendToHead(Reading(noon + (3 * Minute), 102, valid: false)));
        Assert.False(energy.TryAppendToHead(Reading(At("2026-03-27T23:00:00Z"), 150)), "Midnight in Berlin: a day not open yet.");
        Assert.False(energy.TryAppendToHead(Reading(noon + (3 * Minute), 100)), "A step back: a reset, counted by the general path.");
        Assert.False(energy.TryAppendToHead(Reading(noon + (3 * Minute), 5000)), "Above the slope of 5000 kWh an hour: a spike.");
        Assert.Equal(4, energy.HorizonTimes(berlin).Length);

        // Those the head refused take the general path, which lends the head again after each.
        session.Process(Reading(noon + (3 * Minute), 100));
        Assert.True(energy.TryAppendToHead(Reading(noon + (4 * Minute), 100.5)));
        session.Complete();
        OutputRecord day = Assert.Single(sink.Records);
        Assert.Equal(1.5, day.Value, 9);
        Assert.Equal(1, session.Counters[Counter.DiscardedSteps]);
    }

    [Fact]
    public void A_power_sample_in_order_inside_the_range_is_an_append_to_its_assets_head()
    {
        // Samples in W, the range in kW: 2800 W is 2.8000000000000003 kW as a binary product.
        var options = new EnergyOptions(
            EnergyMethod.InstantPower, [EnergyOutput.Daily(OracleModel.DailyEnergy)], PowerRange: ValueInterval.Closed(0, 2.8),
            Missing: MissingPolicy.Last, UnitFactor: 0.001, LatenessMs: 30 * Minute);
        var (session, energy, sink) = Start(options);
        int berlin = session.Assets.GetOrAdd("berlin-1", session.Points.ModelOf(OracleModel.Meter));
        long morning = At("2026-03-27T07:00:00Z"); // 08:00 in Berlin
        InputRecord Sample(long time, double watts, bool valid = true) => new(berlin, OracleModel.Power, time, watts, null, 0, valid);

        // The first sample opens the state, the day and the baseline: the general path's work.
        Assert.False(energy.TryAppendToHead(Sample(morning, 1000)));
        session.Process(Sample(morning, 1000));

        Assert.True(energy.TryAppendToHead(Sample(morning + Hour, 2000)), "1 → 2 kW over an hour: 1.5 kWh.");
        Assert.True(energy.TryAppendToHead(Sample(morning + Hour, 2500)), "A tie with the baseline's time makes no step.");
        Assert.False(energy.TryAppendToHead(Sample(morning + (30 * Minute), 500)), "Before the latest time: possibly late.");
        Assert.True(energy.TryAppendToHead(Sample(morning + (2 * Hour), 2800)), "2800 W is inside [0, 2.8] kW, as the general path rounds it: 2.4 kWh.");
        Assert.False(energy.TryAppendToHead(Sample(morning + (3 * Hour), 2900)), "Outside the range: the missing policy's, on the general path.");
        Assert.False(energy.TryAppendToHead(Sample(morning + (3 * Hour), 1000, valid: false)));
        Assert.Equal(4, energy.HorizonTimes(berlin).Length);

        // Missing last takes the sample as the last one in range, 2.8 kW: 2.8 kWh. The general
        // path lends the head again after it.
        session.Process(Sample(morning + (3 * Hour), 2900));
        Assert.True(energy.TryAppendToHead(Sample(morning + (4 * Hour), 0)), "0 kW, at the range's closed bound: 1.4 kWh.");
        session.Complete();
        OutputRecord day = Assert.Single(sink.Records);
        Assert.Equal(1.5 + 2.4 + 2.8 + 1.4, day.Value, 9);
    }

    [Fact]
    public void The_reading_that_takes_a_snapshot_of_the_horizon_goes_the_general_way()
    {
        var options = new EnergyOptions(EnergyMethod.Meter, [EnergyOutput.Daily(OracleModel.DailyEnergy)]);
        var (session, energy, _) = Start(options);
        int asset = session.Assets.GetOrAdd(OracleAssets.Ids[0], session.Points.ModelOf(OracleModel.Meter));
        long start = At("2026-03-27T01:00:00Z");
        InputRecord Reading(int minute) => new(asset, OracleModel.Meter, start + (minute * Minute), minute, null, 0, IsValid: true);
        session.Process(Reading(0));

        // The first reading's is no step from an earlier one; each later one counts towards a snapshot.
        int minute = 1;
        while (energy.TryAppendToHead(Reading(minute)))
        {
            minute++;
        }

        Assert.Equal(EnergyAssetState.SnapshotSpacing, minute);
        session.Process(Reading(minute));
        Assert.True(energy.TryAppendToHead(Reading(minute + 1)));
        Assert.Equal(minute + 2, energy.HorizonTimes(asset).Length);
    }

    [Fact]
    public void In_order_readings_drop_an_interval_and_its_readings_as_soon_as_the_latest_time_reaches_its_end_plus_lateness()
    {
        // Lateness 30 minutes: yesterday stays open until 00:30; readings every minute in between
        // and after are all in order, so no interval opens to prompt the clean-up.
        var options = new EnergyOptions(EnergyMethod.Meter, [EnergyOutput.Daily(OracleModel.DailyEnergy)], LatenessMs: 30 * Minute);
        var (session, energy, sink) = Start(options);
        int asset = session.Assets.GetOrAdd(OracleAssets.Ids[0], session.Points.ModelOf(OracleModel.Meter));
        long midnight = At("2026-03-26T23:00:00Z"); // 27 March, 00:00 in Berlin (CET), the asset's zone
        double meter = 0;
        for (long t = midnight - Day; t <= midnight + (29 * Minute); t += Minute)
        {
            session.Process(new InputRecord(asset, OracleModel.Meter, t, meter += 1, null, 0, IsValid: true));
        }

        EnergyAssetState state = energy.Find(asset) ?? throw new Xunit.Sdk.XunitException("no state");
        Assert.Equal(2, state.Open.Count);
        Assert.Equal(midnight - Day, energy.HorizonTimes(asset)[0]);

        // 00:30: yesterday expires, and its readings go; the state after the last of them is the
        // base of today's first step.
        session.Process(new InputRecord(asset, OracleModel.Meter, midnight + (30 * Minute), meter + 1, null, 0, IsValid: true));
        Assert.Equal(1, state.Open.Count);
        Assert.Equal(midnight, state.Open[0].Start);
        Assert.Equal(midnight, energy.HorizonTimes(asset)[0]);
        Assert.Equal(31, energy.HorizonTimes(asset).Length);
        Assert.Equal(midnight - Minute, state.Base.Time);

        // Yesterday was emitted once, on time, when the day ended; expiring emits nothing more.
        OutputRecord yesterday = Assert.Single(sink.Records, r => r.Time == midnight - Day);
        Assert.Equal(CalMode.Ontime, yesterday.Mode);
        Assert.Equal(Day / Minute - 1, yesterday.Value);
    }

    /// <summary>A session of the oracle energy job, with its rule's operator and the sink of its outputs.</summary>
    private static (JobSession Session, EnergyOperator<OracleEnergyJob.Parameters> Energy, CollectingSink Sink) Start(EnergyOptions options)
    {
        var sink = new CollectingSink();
        var session = new JobSession(new OracleEnergyJob(options), sink, new JobSessionOptions(Assets: OracleAssets.MasterData));
        return (session, Assert.IsType<EnergyOperator<OracleEnergyJob.Parameters>>(Assert.Single(session.Instance.Operators)), sink);
    }
}
