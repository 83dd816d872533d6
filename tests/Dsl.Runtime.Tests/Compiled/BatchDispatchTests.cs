using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// A batch of records (the generated job's own dispatch loop, as offline input runs) gives exactly
/// what the records one at a time give: the same outputs in the same order and the same counters,
/// with out-of-order, late and invalid records, a rule chained on another's output, and an energy
/// rule, whose records the batch loop prefetches state for.
/// </summary>
public sealed class BatchDispatchTests
{
    private const string Source = """
        job batch
        settings { channel offline  timezone "Europe/Berlin"  lateness 5m }

        model Turbine {
          ai Power: double kW range [0, 3000]
          ai Reactive: double kvar
          ai PowerAvg10m
          ai PowerMax10m
          ai Apparent
          ai LoadShare
          pi Meter: double kWh
          pi DailyEnergy kWh
          pi Energy15m kWh
        }

        aggregate Turbine window tumbling 10m {
          PowerAvg10m = avg(Power)
          PowerMax10m = max(Power)
        }

        merge Turbine on Power hold 10m {
          Apparent = sqrt(Power ^ 2 + Reactive ^ 2)
        }

        merge Turbine on PowerAvg10m {
          LoadShare = PowerAvg10m / 3000
        }

        energy Turbine from Meter by meter {
          slope [0, 5000]
          daily DailyEnergy
          every 15m Energy15m
        }
        """;

    [Fact]
    public void A_batch_gives_the_outputs_and_counters_of_its_records_one_at_a_time()
    {
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(Source), "batch");
        var random = new Random(21);
        long from = At("2026-03-28T20:00:00Z");
        var series = new List<TestRecord>();
        foreach (string asset in OracleAssets.Ids)
        {
            series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Power, from, from + (6 * Hour), Minute, 3 * Minute, (r, _) => r.Next(-100, 3200)));
            series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Reactive, from, from + (6 * Hour), 2 * Minute, 5 * Minute, (r, _) => r.Next(-300, 300)));

            // A register with resets and spikes; its records are the ones the batch loop prefetches for.
            double meter = random.Next(1000, 5000);
            series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Meter, from, from + (6 * Hour), Minute, 2 * Minute, (r, _) => r.NextDouble() switch
            {
                < 0.02 => meter = 0,
                < 0.04 => meter + 1_000_000,
                _ => meter += r.Next(0, 60),
            }));
        }

        List<TestRecord> records = StreamGenerator.Arrive(random, series, delayedShare: 0.15, maxDelay: 12 * Minute, veryLateShare: 0.02, veryLateDelay: 2 * Hour);

        (List<OutputRecord> single, RunCounters singleCounters) = Run(loaded.Job, records, batch: false);
        (List<OutputRecord> batched, RunCounters batchedCounters) = Run(loaded.Job, records, batch: true);

        Assert.NotEmpty(single);
        Assert.Contains(single, r => r.Mode == CalMode.Update);
        Assert.Contains(single, r => r.Point == EnergyPoint(loaded.Job, "DailyEnergy"));
        Assert.Contains(single, r => r.Point == EnergyPoint(loaded.Job, "Energy15m") && r.Mode == CalMode.Update);
        Assert.True(singleCounters[Counter.DiscardedSteps] > 0);
        Assert.True(singleCounters[Counter.Invalid] > 0);
        Assert.True(singleCounters[Counter.Late] > 0);
        Assert.Equal(single, batched);
        Assert.Equal(singleCounters.Summary(), batchedCounters.Summary());
    }

    private static int EnergyPoint(Dsl.Runtime.Jobs.CompiledJob job, string point) =>
        job.Manifest.Points.Select((p, slot) => (p.PointId, slot)).Single(p => p.PointId == point).slot;

    private static (List<OutputRecord> Outputs, RunCounters Counters) Run(Dsl.Runtime.Jobs.CompiledJob job, List<TestRecord> records, bool batch)
    {
        var sink = new CollectingSink();
        var session = new JobSession(job, sink);
        var resolved = new List<InputRecord>();
        foreach (TestRecord record in records)
        {
            string pointId = OracleModel.Manifest.Points[record.Point].PointId;
            int slot = session.Points.Slot(OracleModel.Model, pointId);
            int asset = session.Assets.GetOrAdd(record.Asset, session.Points.ModelOf(slot));
            resolved.Add(new InputRecord(asset, slot, record.Time, record.Value, null, 0, session.Points.IsValid(slot, record.Value)));
        }

        if (batch)
        {
            // Uneven batches, so that batch boundaries fall anywhere.
            int start = 0;
            for (int size = 1; start < resolved.Count; size = (size * 7 % 97) + 1)
            {
                int count = Math.Min(size, resolved.Count - start);
                session.Process(resolved.GetRange(start, count).ToArray());
                start += count;
            }
        }
        else
        {
            foreach (InputRecord record in resolved)
            {
                session.Process(record);
            }
        }

        session.Complete();
        return (sink.Records, session.Counters);
    }
}
