using Dsl.Runtime.Jobs;
using Dsl.Runtime.Operators.Energy;
using Dsl.Runtime.Operators.Merge;
using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.Records;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Tests.Compiled;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using Dsl.Runtime.Time;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Checkpoints;

/// <summary>
/// Checkpoint and restore at many cut points give exactly the output of a run straight through,
/// for every kind of rule and every kind of state: window moments and sample lists (median,
/// percentile, twa, integral), head slots, sessions, merge histories, energy horizons with late readings.
/// </summary>
public sealed class CheckpointEquivalenceTests
{
    public static TheoryData<string> Cases { get; } =
    [
        "tumbling 10m, lateness 5m, every aggregate",
        "hopping 30m step 10m, lateness 5m, emit final",
        "tumbling 15m, lateness 10m, emit early every 4m",
        "tumbling 1d across spring DST, lateness 2h",
        "session 5m max 30m, emit ontime",
        "session 7m max 1h, lateness 10m, emit final",
        "session 5m max 30m, lateness 15m, emit ontime",
        "merge on Power, hold 2m",
        "merge every 10m, hold 15m",
        "energy by meter, lateness 30m, rollover",
        "energy by meter in Wh, lateness 30m, rollover",
        "energy by meter, split, lateness 1h",
        "energy by instant power, missing last, lateness 20m",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Restoring_a_checkpoint_anywhere_gives_the_output_of_an_uninterrupted_run(string name)
    {
        (Func<CompiledJob> job, List<TestRecord> records) = Describe(name);
        CheckpointEquivalence.Assert(job, records, OracleAssets.MasterData, cuts: 4, name);
    }

    /// <summary>
    /// Compiled tumbling blocks without sample aggregates keep each asset's newest window in a head
    /// slot (checkpointed as raw bytes) and older open windows in the keyed tables.
    /// </summary>
    [Theory]
    [InlineData("tumbling 10m lateness 5m", 12)]
    [InlineData("tumbling 10m lateness 0s", 13)]
    [InlineData("tumbling 1d lateness 2h", 14)]
    [InlineData("tumbling 10m lateness 5m emit final", 16, true)]
    public void Restoring_head_slots_anywhere_gives_the_output_of_an_uninterrupted_run(string window, int seed, bool withFill = false)
    {
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(OracleJobSource.AggregateWithHead(window, withFill)), "oracle");
        Assert.Equal("Power", loaded.Job.Manifest.Points[OracleModel.Power].PointId);
        long from = window.Contains("1d", StringComparison.Ordinal) ? At("2026-03-28T12:00:00Z") : At("2026-01-05T00:00:00Z");
        long span = window.Contains("1d", StringComparison.Ordinal) ? 2 * Day : 4 * Hour;
        List<TestRecord> records = [.. Power(seed, from, span, 2 * Minute).Where(r => r.Point == OracleModel.Power)];
        CheckpointEquivalence.Assert(() => loaded.Job, records, OracleAssets.MasterData, cuts: 4, window);
    }

    /// <summary>
    /// Records in order inside a head's window move the asset's latest time on the head's own
    /// path, which the general path and the checkpoint must see. 00:01 opens the head, 00:08 is in
    /// order inside it, and 23:55 the day before falls in the window that expired at 00:05
    /// (lateness 5m): late, straight through and after a checkpoint at any record (the one after
    /// 00:08 included).
    /// </summary>
    [Fact]
    public void A_record_late_against_the_latest_time_of_records_in_a_heads_window_is_late_after_a_restore_too()
    {
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(OracleJobSource.AggregateWithHead("tumbling 10m lateness 5m")), "oracle");
        long t0 = At("2026-01-05T00:00:00Z");
        string asset = OracleAssets.Ids[0];
        List<TestRecord> records =
        [
            new(asset, OracleModel.Power, t0 + Minute, 100),
            new(asset, OracleModel.Power, t0 + (8 * Minute), 100),
            new(asset, OracleModel.Power, t0 - (5 * Minute), 100),
            new(asset, OracleModel.Power, t0 + (9 * Minute), 100),
        ];

        List<Emitted> straight = JobHarness.Run(loaded.Job, records, OracleAssets.MasterData);
        Assert.DoesNotContain(straight, o => o.Time < t0);
        Assert.Contains(straight, o => o.Time == t0 && o.PointId == "Agg0" && o.Value == 3); // count(Power)
        CheckpointEquivalence.Assert(() => loaded.Job, records, OracleAssets.MasterData, cuts: 0, "a late record after records in order");
    }

    /// <summary>
    /// Checkpoints used to hold head slots as their bytes, in a layout with a count per output;
    /// heads now share counts and are checkpointed as moments.
    /// </summary>
    [Fact]
    public void A_checkpoint_with_head_slots_as_bytes_resumes()
    {
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(OracleJobSource.AggregateWithHead("tumbling 15m lateness 10m")), "oracle");
        List<TestRecord> records = [.. Power(15, At("2026-01-05T00:00:00Z"), 4 * Hour, 2 * Minute).Where(r => r.Point == OracleModel.Power)];
        AssertResumesFromEarlierVersion("heads-as-slot-bytes.tar.gz", () => loaded.Job, records);
    }

    /// <summary>
    /// Checkpoints used to hold a meter's readings converted to kWh; they now hold them as the
    /// register writes them. The version that wrote the fixture also emitted an interval that a
    /// late reading gave its first result when the interval next came due, where this one emits it
    /// at once, as an update: what the fixture committed is not this version's output up to the
    /// checkpoint, so the results the run ends with are what is compared.
    /// </summary>
    [Fact]
    public void A_checkpoint_with_meter_readings_in_kWh_resumes()
    {
        List<TestRecord> records = Meter(17, At("2026-03-28T18:00:00Z"), 30 * Minute, perKwh: 1000);
        AssertResumesFromEarlierVersion("meter-readings-in-kwh.tar.gz", () => new OracleEnergyJob(WhMeter), records, sameEmissions: false);
    }

    /// <summary>
    /// The fixture is the state directory of the job, checkpointed halfway through the records by
    /// an earlier version (it holds the records' first half, so their generator must not change
    /// them). This version resumes it and writes, bit for bit, what it writes after that point in
    /// a run straight through.
    /// </summary>
    /// <param name="sameEmissions">
    /// False for a fixture of a version that emitted some results at other times: then the results
    /// the run ends with are compared, bit for bit (the last value written for each output and time).
    /// </param>
    private static void AssertResumesFromEarlierVersion(string fixture, Func<CompiledJob> job, List<TestRecord> records, bool sameEmissions = true)
    {
        int cut = records.Count / 2;
        using var directory = new TempDirectory();
        using (var archive = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Checkpoints", "Fixtures", fixture)), System.IO.Compression.CompressionMode.Decompress))
        {
            System.Formats.Tar.TarFile.ExtractToDirectory(archive, directory.Path, overwriteFiles: false);
        }

        // What this version writes up to the checkpoint (the output the fixture's checkpoint
        // committed), and straight through: the resumed run must write exactly the rest.
        List<Emitted> straight = JobHarness.Run(job(), records, OracleAssets.MasterData);
        var before = new List<Emitted>();
        using (var fresh = new TempDirectory())
        using (var first = new DurableHarness(job(), fresh.Path, before, OracleAssets.MasterData))
        {
            first.Feed(records, 0, cut);
            first.Host.Checkpoint(DurableHarness.At(cut));
        }

        var output = new List<Emitted>(before);
        int resumedFrom;
        using (var resumed = new DurableHarness(job(), directory.Path, output, OracleAssets.MasterData))
        {
            Assert.True(resumed.Host.Resumed);
            Assert.Equal(cut, resumed.Next);
            resumedFrom = output.Count;
            resumed.Feed(records, resumed.Next, records.Count);
            resumed.Host.Complete(DurableHarness.At(records.Count));
        }

        Assert.True(output.Count - before.Count > 100, $"only {output.Count - before.Count} outputs after the checkpoint");
        if (sameEmissions)
        {
            CheckpointEquivalence.AssertSame(straight, output, "resumed from " + fixture);
        }
        else
        {
            // What the fixture's version committed is not this version's output up to the cut, so
            // each final result must be the resumed run's last one for its output and time, or,
            // when the resumed run did not write it, this version's before the cut.
            Dictionary<OutputKey, double> resumedLast = OutputComparison.LastValues(output.Skip(resumedFrom));
            Dictionary<OutputKey, double> beforeLast = OutputComparison.LastValues(before);
            foreach ((OutputKey key, double value) in OutputComparison.LastValues(straight))
            {
                Assert.True(
                    (resumedLast.TryGetValue(key, out double got) || beforeLast.TryGetValue(key, out got)) && BitConverter.DoubleToInt64Bits(got) == BitConverter.DoubleToInt64Bits(value),
                    $"resumed from {fixture}: {key}: expected {value}, got {got}");
            }

            Assert.Empty(resumedLast.Keys.Except(OutputComparison.LastValues(straight).Keys));
        }
    }

    private static EnergyOptions WhMeter { get; } = new(
        EnergyMethod.Meter,
        [EnergyOutput.Daily(OracleModel.DailyEnergy), new EnergyOutput(OracleModel.Energy15m, GridSpec.Fixed(15 * Minute))],
        Rollover: EnergyOracle.Rollover * 1000,
        UnitFactor: 0.001,
        LatenessMs: 30 * Minute);

    /// <summary>
    /// A version that drops a <c>where</c> makes two outputs share one count in the head. The
    /// window open across the upgrade had different counts for them, so it resumes in the keyed
    /// tables, and each output ends with its own values: avg of 10, 20 and 40, max of 40 alone.
    /// </summary>
    [Fact]
    public void A_window_whose_outputs_come_to_share_a_count_resumes_with_each_output_s_values()
    {
        static string Job(string where) => $$"""
            job shared
            settings { channel offline  timezone "UTC" }
            model M {
              ai P: double
              ai A
              ai B
            }
            aggregate M window tumbling 10m {
              A = avg(P)
              B = max(P){{where}}
            }
            """;
        using var before = LoadedJob.Load(CompiledOracleJobs.Image(Job(" where P > 100")), "before");
        using var after = LoadedJob.Load(CompiledOracleJobs.Image(Job("")), "after");
        Assert.True(DurableJobHost.CheckCompatibility(before.Job.Manifest, after.Job.Manifest).IsCompatible);
        int p = before.Job.Manifest.Points.Select((point, slot) => (point, slot)).Single(x => x.point.PointId == "P").slot;
        long t0 = At("2026-01-05T00:00:00Z");
        List<TestRecord> records = [new("m", p, t0 + Minute, 10), new("m", p, t0 + (2 * Minute), 20), new("m", p, t0 + (3 * Minute), 40)];

        using var directory = new TempDirectory();
        var output = new List<Emitted>();
        using (var first = new DurableHarness(before.Job, directory.Path, output))
        {
            first.Feed(records, 0, 2);
            first.Host.Checkpoint(DurableHarness.At(2));
        }

        using (var second = new DurableHarness(after.Job, directory.Path, output))
        {
            second.Feed(records, second.Next, records.Count);
            second.Host.Complete(DurableHarness.At(records.Count));
        }

        Assert.Equal([("A", 70.0 / 3), ("B", 40.0)], output.Select(e => (e.PointId, e.Value)).OrderBy(x => x.PointId).ToList());
    }

    /// <summary>
    /// Early results keep every window in the keyed tables, and the emit mode is not part of the
    /// state fingerprint: a version with <c>emit early</c> resumes a checkpoint whose newest windows
    /// are in head slots by moving them there, and every window ends with its reference value.
    /// </summary>
    [Fact]
    public void A_version_without_head_slots_resumes_from_a_checkpoint_with_them()
    {
        using var withHeads = LoadedJob.Load(CompiledOracleJobs.Image(OracleJobSource.AggregateWithHead("tumbling 15m lateness 10m")), "oracle");
        using var early = LoadedJob.Load(CompiledOracleJobs.Image(OracleJobSource.AggregateWithHead("tumbling 15m lateness 10m emit early every 4m")), "oracle");
        Assert.True(DurableJobHost.CheckCompatibility(withHeads.Job.Manifest, early.Job.Manifest).IsCompatible);
        List<TestRecord> records = [.. Power(15, At("2026-01-05T00:00:00Z"), 4 * Hour, 2 * Minute).Where(r => r.Point == OracleModel.Power)];
        int cut = records.Count / 2;

        using var directory = new TempDirectory();
        var output = new List<Emitted>();
        using (var first = new DurableHarness(withHeads.Job, directory.Path, output, OracleAssets.MasterData))
        {
            first.Feed(records, 0, cut);
            first.Host.Checkpoint(DurableHarness.At(cut));
        }

        using (var second = new DurableHarness(early.Job, directory.Path, output, OracleAssets.MasterData))
        {
            Assert.True(second.Host.Resumed);
            second.Feed(records, second.Next, records.Count);
            second.Host.Complete(DurableHarness.At(records.Count));
        }

        Assert.Contains(output, e => e.Mode == CalMode.Early);
        var oracleSlots = OracleModel.Manifest.Points.Select((p, slot) => (p.PointId, slot)).ToDictionary(x => x.PointId, x => x.slot, StringComparer.Ordinal);
        var leftOut = OracleJobSource.OutputsLeftOutOfHead(withFill: false).Select(i => OracleModel.FirstAggregateOutput + i).ToHashSet();
        var actual = OutputComparison.LastValues(output.Select(e => e with { Point = oracleSlots[e.PointId] }));
        var expected = WindowOracle.Expected(records, OracleWindow.Tumbling(15 * Minute), 10 * Minute, stampEnd: false)
            .Where(e => !leftOut.Contains(e.Key.Point))
            .ToDictionary();
        OutputComparison.AssertEquivalent(expected, actual, "resumed with emit early");
    }

    [Fact]
    public void A_chained_job_restores_every_operator_together()
    {
        var random = new Random(11);
        long from = At("2026-01-05T00:00:00Z");
        var series = new List<TestRecord>();
        foreach (string asset in new[] { "WTG-1", "WTG-2", "WTG-3" })
        {
            series.AddRange(StreamGenerator.Series(random, asset, TurbineKpisJob.ActivePower, from, from + (6 * Hour), Minute, 3 * Minute, StreamGenerator.PowerValue));
            series.AddRange(StreamGenerator.Series(random, asset, TurbineKpisJob.ReactivePower, from, from + (6 * Hour), 2 * Minute, 5 * Minute, (r, _) => r.Next(-300, 300)));
            double meter = 1000;
            series.AddRange(StreamGenerator.Series(random, asset, TurbineKpisJob.EnergyMeter, from, from + (6 * Hour), 5 * Minute, 15 * Minute, (r, _) => meter += r.Next(0, 400)));
        }

        var records = StreamGenerator.Arrive(random, series, delayedShare: 0.1, maxDelay: 8 * Minute, veryLateShare: 0.01, veryLateDelay: Hour);
        CheckpointEquivalence.Assert(() => new TurbineKpisJob(), records, null, cuts: 4, "turbine_kpis");
    }

    private static (Func<CompiledJob> Job, List<TestRecord> Records) Describe(string name)
    {
        EnergyOutput[] energy = [EnergyOutput.Daily(OracleModel.DailyEnergy), new EnergyOutput(OracleModel.Energy15m, GridSpec.Fixed(15 * Minute))];
        return name switch
        {
            "tumbling 10m, lateness 5m, every aggregate" =>
                (() => new OracleAggregateJob(new WindowOptions(WindowSpec.Tumbling(10 * Minute), LatenessMs: 5 * Minute)), Power(1, At("2026-01-05T00:00:00Z"), 4 * Hour, 2 * Minute)),
            "hopping 30m step 10m, lateness 5m, emit final" =>
                (() => new OracleAggregateJob(new WindowOptions(WindowSpec.Hopping(30 * Minute, 10 * Minute), LatenessMs: 5 * Minute, Emit: EmitPolicy.Final)), Power(2, At("2026-01-05T00:00:00Z"), 4 * Hour, 3 * Minute)),
            "tumbling 15m, lateness 10m, emit early every 4m" =>
                (() => new OracleAggregateJob(new WindowOptions(WindowSpec.Tumbling(15 * Minute), LatenessMs: 10 * Minute, Emit: EmitPolicy.Early, EarlyEveryMs: 4 * Minute)), Power(3, At("2026-01-05T00:00:00Z"), 4 * Hour, 2 * Minute)),
            "tumbling 1d across spring DST, lateness 2h" =>
                (() => new OracleAggregateJob(new WindowOptions(WindowSpec.Calendar(CalendarUnit.Day), LatenessMs: 2 * Hour)), Power(4, At("2026-03-28T12:00:00Z"), 2 * Day, 30 * Minute)),
            "session 5m max 30m, emit ontime" =>
                (() => new OracleAggregateJob(new WindowOptions(WindowSpec.Session(5 * Minute, 30 * Minute))), Power(5, At("2026-01-05T00:00:00Z"), 3 * Hour, 4 * Minute)),
            "session 5m max 30m, lateness 15m, emit ontime" =>
                (() => new OracleAggregateJob(new WindowOptions(WindowSpec.Session(5 * Minute, 30 * Minute), LatenessMs: 15 * Minute)), Power(13, At("2026-01-05T00:00:00Z"), 3 * Hour, 4 * Minute)),
            "session 7m max 1h, lateness 10m, emit final" =>
                (() => new OracleAggregateJob(new WindowOptions(WindowSpec.Session(7 * Minute, Hour), LatenessMs: 10 * Minute, Emit: EmitPolicy.Final)), Power(6, At("2026-01-05T00:00:00Z"), 3 * Hour, 5 * Minute)),
            "merge on Power, hold 2m" =>
                (() => new OracleMergeJob(MergeTrigger.OnPoint, default, 2 * Minute, retentionMs: Hour), Power(7, At("2026-03-28T22:00:00Z"), 4 * Hour, 2 * Minute)),
            "merge every 10m, hold 15m" =>
                (() => new OracleMergeJob(MergeTrigger.Every, GridSpec.Fixed(10 * Minute), 15 * Minute, retentionMs: 2 * Hour), Power(8, At("2026-01-05T00:00:00Z"), 4 * Hour, 2 * Minute)),
            "energy by meter, lateness 30m, rollover" =>
                (() => new OracleEnergyJob(new EnergyOptions(EnergyMethod.Meter, energy, Rollover: EnergyOracle.Rollover, LatenessMs: 30 * Minute)), Meter(9, At("2026-03-28T18:00:00Z"), 30 * Minute)),
            "energy by meter in Wh, lateness 30m, rollover" =>
                (() => new OracleEnergyJob(WhMeter), Meter(12, At("2026-03-28T18:00:00Z"), 30 * Minute, perKwh: 1000)),
            "energy by meter, split, lateness 1h" =>
                (() => new OracleEnergyJob(new EnergyOptions(EnergyMethod.Meter, energy, Split: true, LatenessMs: Hour)), Meter(10, At("2026-10-24T06:00:00Z"), Hour)),
            "energy by instant power, missing last, lateness 20m" =>
                (() => new OracleEnergyJob(new EnergyOptions(EnergyMethod.InstantPower, energy, PowerRange: ValueInterval.Open(0, 2900), Missing: MissingPolicy.Last, LatenessMs: 20 * Minute)), Power(11, At("2026-03-28T18:00:00Z"), Day, 10 * Minute)),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    /// <summary>Power and reactive power of every oracle asset, out of order, some very late.</summary>
    private static List<TestRecord> Power(int seed, long from, long span, long step)
    {
        var random = new Random(seed * 7919);
        var series = new List<TestRecord>();
        foreach (string asset in OracleAssets.Ids)
        {
            series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Power, from, from + span, step / 4, step, StreamGenerator.PowerValue));
            series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Reactive, from, from + span, step, step * 3, (r, _) => r.Next(-300, 500)));
        }

        return StreamGenerator.Arrive(random, series, delayedShare: 0.15, maxDelay: 20 * Minute, veryLateShare: 0.02, veryLateDelay: 3 * Hour);
    }

    /// <summary>Cumulative meters with flats, resets and a wrap, out of order; in Wh with <paramref name="perKwh"/> = 1000.</summary>
    private static List<TestRecord> Meter(int seed, long from, long lateness, double perKwh = 1)
    {
        var random = new Random(seed * 65537);
        var series = new List<TestRecord>();
        foreach (string asset in OracleAssets.Ids)
        {
            double value = asset == "shanghai" ? EnergyOracle.Rollover - 2000 : random.Next(1000, 50000);
            for (long t = from + StreamGenerator.Quantize(random.NextInt64(0, 10 * Minute)); t < from + (2 * Day); t += StreamGenerator.Quantize(random.NextInt64(Minute, 40 * Minute)))
            {
                series.Add(new TestRecord(asset, OracleModel.Meter, t, Math.Round(value * perKwh, 3)));
                double roll = random.NextDouble();
                value = roll < 0.2 ? value : roll < 0.22 ? random.Next(0, 100) : value + (random.NextDouble() * 3000);
                if (value >= EnergyOracle.Rollover)
                {
                    value -= EnergyOracle.Rollover;
                }
            }
        }

        return StreamGenerator.Arrive(random, series, delayedShare: 0.15, maxDelay: lateness * 2, veryLateShare: 0.02, veryLateDelay: Day);
    }
}
