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
        // The runtime itself now and then allocates a few kilobytes on a busy thread (seen once in a
        // full parallel test run; dotnet/runtime#63487 reports the same of GetAllocatedBytesForCurrentThread).
        // So the same days are measured in two fresh sessions: an allocation of the rule's own happens
        // in both, and one of them allocating nothing is the claim.
        long first = AllocatedOnTheMeasuredDays();
        long second = first == 0 ? 0 : AllocatedOnTheMeasuredDays();
        Assert.True(Math.Min(first, second) == 0, $"Bytes allocated on the measured days: {first}, then {second} in a second session.");
    }

    private static long AllocatedOnTheMeasuredDays()
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

        // Two days fill every horizon (a day of minutes) and every cached array; the measured days
        // include the start of summer time in Europe (29 March).
        Feed(session, assets, meters, start, start + (2 * Day));
        long before = GC.GetAllocatedBytesForCurrentThread();
        long outputs = sink.Count;
        Feed(session, assets, meters, start + (2 * Day), start + (4 * Day));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(sink.Count > outputs, "The measured days emit their intervals.");
        Assert.Equal(0, session.Counters[Counter.SkippedAttribute]);
        return allocated;
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
