using Dsl.Runtime.Operators.Energy;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using Dsl.Runtime.Time;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

/// <summary>
/// The log that holds the energy rule's in-order horizons (<see cref="ReadingLog"/>): chains read
/// back as appended, chunks freed once no horizon reaches them, and a horizon that would hold the
/// log back (an asset gone quiet) moved out of it. That outputs do not depend on where a horizon
/// lives is checked on every oracle stream (<see cref="EnergyOracleTests"/>), whose late readings
/// move horizons to lists and prunes move them back.
/// </summary>
public sealed class EnergyReadingLogTests
{
    private const int Chunk = ReadingLog.ChunkSize;

    [Fact]
    public void Interleaved_chains_read_back_across_chunks_and_freed_chunks_are_gone()
    {
        var log = new ReadingLog();
        long[] tails = [-1, -1];
        for (int i = 0; i < 3 * Chunk; i++)
        {
            int asset = i % 2;
            tails[asset] = log.Append(i, i * 0.5, tails[asset]);
        }

        // Asset 1's chain, from its tail back: every odd entry, newest first.
        long entry = tails[1];
        for (int i = (3 * Chunk) - 1; i > 0; i -= 2)
        {
            ReadingLog.Entry e = log[entry];
            Assert.Equal(i, e.Time);
            Assert.Equal(i * 0.5, e.Value);
            entry = e.Previous;
        }

        Assert.Equal(-1, entry);

        // The oldest horizon starts in the third chunk: the first two go.
        log.FreeBefore((2 * Chunk) + 5, looked: 2);
        Assert.Equal(2 * Chunk, log.Start);
        Assert.Equal((2 * Chunk) + 5, log[(2 * Chunk) + 5].Time);
        Assert.Throws<ArgumentOutOfRangeException>(() => log[(2 * Chunk) - 1]);
    }

    [Fact]
    public void A_log_is_cleared_only_when_no_horizon_holds_an_entry_and_numbers_go_on()
    {
        var log = new ReadingLog();
        for (int i = 0; i < 10; i++)
        {
            log.Append(i, i, -1);
        }

        log.Clear();
        Assert.Equal(0, log.Start);
        Assert.Equal(3.0, log[3].Value);

        log.Release(10);
        log.Clear();
        Assert.Equal(Chunk, log.Start);
        Assert.Equal(Chunk, log.End);
        Assert.Equal(Chunk, log.Append(42, 1, -1));
        Assert.Equal(42, log[Chunk].Time);
    }

    [Fact]
    public void An_asset_gone_quiet_does_not_hold_the_log_back_and_counts_on_when_it_reports_again()
    {
        (JobHarness harness, EnergyOperator<OracleEnergyJob.Parameters> energy) = QuarterHourMeters();
        string quiet = OracleAssets.Ids[1];
        long start = At("2026-05-04T00:00:00Z");
        var meters = new Dictionary<string, double>();

        // Every meter advances 1 kWh a minute; the quiet one for the first hour only, whose open
        // interval then keeps its readings early in the log.
        long days = 1 + (6L * Chunk / (OracleAssets.Ids.Length - 1) / (Day / Minute));
        for (long t = start; t < start + (days * Day); t += Minute)
        {
            foreach (string asset in OracleAssets.Ids)
            {
                if (asset != quiet || t < start + Hour)
                {
                    meters[asset] = meters.GetValueOrDefault(asset) + 1;
                    harness.Feed(new TestRecord(asset, OracleModel.Meter, t, meters[asset]));
                }
            }
        }

        ReadingLog log = energy.Log!;
        Assert.True(log.End > 6L * Chunk, "Enough readings went through to fill six chunks.");
        Assert.True(log.Start > 0, "Chunks before the quiet meter's horizon were freed.");
        Assert.True(log.End - log.Start <= 6L * Chunk, $"The log holds {log.End - log.Start} entries.");
        int quietAsset = harness.Session.Assets.GetOrAdd(quiet, harness.Session.Points.ModelOf(OracleModel.Meter));
        Assert.False(energy.InLog(quietAsset), "The quiet meter's horizon moved to a list of its own.");

        // It reports again, 10 kWh on: one step, counted (times its meter's scale) in the interval of
        // the reading that ends it.
        long back = start + (days * Day) + (7 * Minute);
        harness.Feed(new TestRecord(quiet, OracleModel.Meter, back, meters[quiet] + 10));
        harness.Complete();

        List<Emitted> totals = [.. harness.Outputs.Where(o => o.Asset == quiet)];
        double scale = OracleAssets.Scale(quiet);
        Assert.Equal([14 * scale, 15 * scale, 15 * scale, 15 * scale, 10 * scale], totals.Select(o => o.Value));
        Assert.Equal(back - (7 * Minute), totals[^1].Time);
    }

    [Fact]
    public void A_horizon_moved_out_by_a_late_reading_goes_back_to_the_log_at_the_next_interval()
    {
        (JobHarness harness, EnergyOperator<OracleEnergyJob.Parameters> energy) = QuarterHourMeters();
        string meter = OracleAssets.Ids[0];
        long start = At("2026-05-04T00:00:00Z");
        for (int m = 0; m < 10; m++)
        {
            harness.Feed(new TestRecord(meter, OracleModel.Meter, start + (m * Minute), m));
        }

        int asset = harness.Session.Assets.GetOrAdd(meter, harness.Session.Points.ModelOf(OracleModel.Meter));
        Assert.True(energy.InLog(asset));

        // Half a minute late, inside the open interval: inserted into a list of the asset's own.
        harness.Feed(new TestRecord(meter, OracleModel.Meter, start + (8 * Minute) + 30_000, 8.5));
        Assert.False(energy.InLog(asset));
        Assert.Equal(11, energy.HorizonTimes(asset).Length);

        // The next interval's first reading prunes the first one's readings; the rest goes back.
        harness.Feed(new TestRecord(meter, OracleModel.Meter, start + (15 * Minute), 15));
        Assert.True(energy.InLog(asset));
        Assert.Equal([start + (9 * Minute), start + (15 * Minute)], energy.HorizonTimes(asset));

        harness.Complete();
        double scale = OracleAssets.Scale(meter);
        Assert.Equal([9 * scale, 6 * scale], harness.Outputs.Select(o => o.Value));
    }

    /// <summary>Meters with 15-minute totals and no lateness: each horizon holds a quarter of an hour of readings.</summary>
    private static (JobHarness Harness, EnergyOperator<OracleEnergyJob.Parameters> Energy) QuarterHourMeters()
    {
        var options = new EnergyOptions(EnergyMethod.Meter, [new EnergyOutput(OracleModel.Energy15m, GridSpec.Fixed(15 * Minute))]);
        var harness = new JobHarness(new OracleEnergyJob(options), OracleAssets.MasterData);
        return (harness, Assert.IsType<EnergyOperator<OracleEnergyJob.Parameters>>(Assert.Single(harness.Session.Instance.Operators)));
    }
}
