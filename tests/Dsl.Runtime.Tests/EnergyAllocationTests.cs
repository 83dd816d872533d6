using Dsl.Runtime.Hosting;
using Dsl.Runtime.Operators.Energy;
using Dsl.Runtime.Records;
using Dsl.Runtime.Sinks;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

/// <summary>
/// The energy rule's per-record path for readings in order: once each asset's horizon has reached
/// its size, a record allocates nothing (no per-reading objects, no keyed-state lookups that box).
/// </summary>
public sealed class EnergyAllocationTests
{
    [Fact]
    public void In_order_readings_allocate_nothing_once_the_horizons_have_filled()
    {
        var sink = new CountingSink();
        // Only a daily output: a late reading may go anywhere in the day, so the horizon holds a day.
        var options = new EnergyOptions(EnergyMethod.Meter, [EnergyOutput.Daily(OracleModel.DailyEnergy)]);
        var session = new JobSession(new OracleEnergyJob(options), sink, new JobSessionOptions(Assets: OracleAssets.MasterData));
        int model = session.Points.ModelOf(OracleModel.Meter);
        // Enough assets that a day of readings is far more than any pool of spare buffers would hold.
        int[] assets = [.. OracleAssets.Ids.Concat(Enumerable.Range(1, 40).Select(i => $"meter-{i}")).Select(id => session.Assets.GetOrAdd(id, model))];
        var meters = new double[assets.Length];
        long start = At("2026-03-26T00:00:00Z");

        // Two days fill every horizon (a day of minutes) and every cached array; DST starts in between.
        Feed(session, assets, meters, start, start + (2 * Day));
        long before = GC.GetAllocatedBytesForCurrentThread();
        long outputs = sink.Count;
        Feed(session, assets, meters, start + (2 * Day), start + (4 * Day));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(sink.Count > outputs, "The measured days emit their intervals.");
        Assert.Equal(0, session.Counters[Counter.SkippedAttribute]);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void In_order_readings_drop_an_expired_interval_and_its_readings_as_soon_as_the_latest_time_passes_it()
    {
        // Lateness 30 minutes: yesterday stays open until 00:30; readings every minute in between
        // and after are all in order, so no interval opens to prompt the clean-up.
        var options = new EnergyOptions(EnergyMethod.Meter, [EnergyOutput.Daily(OracleModel.DailyEnergy)], LatenessMs: 30 * Minute);
        var session = new JobSession(new OracleEnergyJob(options), new CountingSink(), new JobSessionOptions(Assets: OracleAssets.MasterData));
        int asset = session.Assets.GetOrAdd(OracleAssets.Ids[0], session.Points.ModelOf(OracleModel.Meter));
        var energy = Assert.IsType<EnergyOperator<OracleEnergyJob.Parameters>>(Assert.Single(session.Instance.Operators));
        long midnight = At("2026-03-26T23:00:00Z"); // 27 March, 00:00 in Berlin (CET), the asset's zone
        double meter = 0;
        for (long t = midnight - Day; t <= midnight + (29 * Minute); t += Minute)
        {
            session.Process(new InputRecord(asset, OracleModel.Meter, t, meter += 1, null, 0, IsValid: true));
        }

        EnergyAssetState state = energy.StateOf(asset) ?? throw new Xunit.Sdk.XunitException("no state");
        Assert.Equal(2, state.Open.Count);
        Assert.Equal(midnight - Day, state.Readings[0].Time);

        // 00:30: yesterday expires; of its readings only the last, the base of today's first step, stays.
        session.Process(new InputRecord(asset, OracleModel.Meter, midnight + (30 * Minute), meter + 1, null, 0, IsValid: true));
        Assert.Equal(1, state.Open.Count);
        Assert.Equal(midnight, state.Open[0].Start);
        Assert.Equal(midnight - Minute, state.Readings[0].Time);
        Assert.Equal(32, state.Readings.Count);
    }

    private static void Feed(JobSession session, int[] assets, double[] meters, long from, long to)
    {
        for (long t = from; t < to; t += Minute)
        {
            for (int a = 0; a < assets.Length; a++)
            {
                meters[a] += (t / Minute % 7) * 0.25;
                session.Process(new InputRecord(assets[a], OracleModel.Meter, t, meters[a], null, 0, IsValid: true));
            }
        }
    }

    private sealed class CountingSink : IOutputSink
    {
        public long Count { get; private set; }

        public void Write(in OutputRecord record) => Count++;

        public void Flush()
        {
        }
    }
}
