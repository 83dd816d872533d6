using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.Compiled;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Checkpoints;

/// <summary>
/// A scheduled job reads its input in batches, each flushed at its end. A window, session or day
/// that spans batches has a result after each, and the last one is that of one run over all the
/// records: the reference is that run, the comparison the last value of each (asset, point, time).
/// Values are whole numbers, so sums in any order are exact.
/// </summary>
public sealed class BatchContinuationTests
{
    private const string Source = """
        job batches
        settings { channel offline  timezone "Europe/Berlin"  lateness 30m }
        model M {
          ai P: double kW
          pi R kWh
          ai A
          ai N
          ai S
          ai B
          ai C
          pi D kWh
          pi Q kWh
        }
        aggregate M window tumbling 1h { A = sum(P)  N = count(P) }
        aggregate M window tumbling 1d { C = max(P) }
        aggregate M window session 20m { S = count(P) }
        merge M on A { B = A * 2 }
        energy M from R by meter { daily D  every 15m Q }
        """;

    [Theory]
    [InlineData(1, new[] { 0.3, 0.7 })]
    [InlineData(2, new[] { 0.1, 0.45, 0.5, 0.9 })]
    [InlineData(3, new[] { 0.5 })]
    public void Batches_give_the_last_values_of_one_run_over_all_their_records(int seed, double[] cuts)
    {
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(Source), "batches");
        List<TestRecord> records = Records(loaded, seed);
        var expected = new List<Emitted>();
        using (var directory = new TempDirectory())
        using (var whole = new DurableHarness(loaded.Job, directory.Path, expected))
        {
            whole.Feed(records, 0, records.Count);
            whole.Host.Complete(DurableHarness.At(records.Count));
        }

        var actual = new List<Emitted>();
        using (var directory = new TempDirectory())
        {
            int from = 0;
            foreach (int to in cuts.Select(c => (int)(c * records.Count)).Append(records.Count))
            {
                using var batch = new DurableHarness(loaded.Job, directory.Path, actual);
                Assert.Equal(from, batch.Next);
                batch.Host.BeginBatch();
                batch.Feed(records, from, to);
                batch.Host.CompleteBatch(DurableHarness.At(to));
                from = to;
            }
        }

        Dictionary<OutputKey, double> last = OutputComparison.LastValues(actual);
        Assert.Equal(OutputComparison.LastValues(expected), last);
        Assert.Contains(actual, o => o.PointId == "D");
    }

    [Fact]
    public void A_window_a_batch_leaves_open_is_emitted_at_its_end_and_again_by_the_next()
    {
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(Source), "batches");
        int p = loaded.Job.Manifest.Points.ToList().FindIndex(x => x.PointId == "P");
        long hour = At("2026-11-18T09:00:00Z");
        var records = Enumerable.Range(0, 15).Select(i => new TestRecord("a", p, hour + (i * Minute), 1)).ToList();
        var output = new List<Emitted>();
        using var directory = new TempDirectory();
        foreach ((int from, int to) in new[] { (0, 10), (10, 15) })
        {
            using var batch = new DurableHarness(loaded.Job, directory.Path, output);
            batch.Host.BeginBatch();
            batch.Feed(records, from, to);
            batch.Host.CompleteBatch(DurableHarness.At(to));
        }

        Assert.Equal([10d, 15d], output.Where(o => o.PointId == "N").Select(o => o.Value));
    }

    [Fact]
    public void A_window_of_an_asset_a_batch_read_nothing_of_is_not_emitted_again()
    {
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(Source), "batches");
        int p = loaded.Job.Manifest.Points.ToList().FindIndex(x => x.PointId == "P");
        long hour = At("2026-11-18T09:00:00Z");
        // b's one record is in the first batch; a's records go on over the three.
        var records = new List<TestRecord> { new("b", p, hour + Minute, 1) };
        records.AddRange(Enumerable.Range(0, 30).Select(i => new TestRecord("a", p, hour + (i * 10 * Minute), 1)));
        var output = new List<Emitted>();
        using var directory = new TempDirectory();
        foreach ((int from, int to) in new[] { (0, 11), (11, 21), (21, 31) })
        {
            using var batch = new DurableHarness(loaded.Job, directory.Path, output);
            batch.Host.BeginBatch();
            batch.Feed(records, from, to);
            batch.Host.CompleteBatch(DurableHarness.At(to));
        }

        Assert.Single(output, o => o.Asset == "b" && o.PointId == "N");
        // a's hour from 10:00: 10:00 … 10:30 in the first batch, 10:40 and 10:50 in the second.
        Assert.Equal([4d, 6d], output.Where(o => o.Asset == "a" && o.PointId == "N" && o.Time == hour + Hour).Select(o => o.Value));
    }

    private static List<TestRecord> Records(LoadedJob loaded, int seed)
    {
        var points = loaded.Job.Manifest.Points.ToList();
        int power = points.FindIndex(x => x.PointId == "P");
        int register = points.FindIndex(x => x.PointId == "R");
        var random = new Random(seed * 7919);
        long from = At("2026-10-24T20:00:00Z");
        var series = new List<TestRecord>();
        foreach (string asset in new[] { "a", "b", "c" })
        {
            series.AddRange(StreamGenerator.Series(random, asset, power, from, from + (30 * Hour), 3 * Minute, 9 * Minute, (r, _) => r.Next(0, 20)));
            double total = 1000;
            series.AddRange(StreamGenerator.Series(random, asset, register, from, from + (30 * Hour), 5 * Minute, 10 * Minute, (r, _) => total += r.Next(0, 4)));
        }

        return StreamGenerator.Arrive(random, series, delayedShare: 0.1, maxDelay: 20 * Minute, veryLateShare: 0, veryLateDelay: 0);
    }
}
