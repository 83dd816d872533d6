using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// Chained rules converge on the in-order result: with records out of order (all within lateness),
/// the last value a run emits for each (asset, point, time), which is what a consumer keeping the
/// latest value of each sees, equals the output of the same records in time order. The reference
/// is the in-order run, where every upstream result arrives once and nothing is corrected; the
/// out-of-order run corrects upstream results, which every rule downstream must replace rather than
/// add to. Values are whole numbers, so sums in any order are exact and the comparison is exact.
/// </summary>
public sealed class ChainedConvergenceTests
{
    // Every kind of rule downstream of a chained point: windows (tumbling, hopping, with a kept
    // sample list for the median), merges on it and every period (also reading its previous
    // values), and energy from it.
    private const string Source = """
        job chained
        settings { channel offline  timezone "Europe/Berlin"  lateness 3h }
        model M {
          ai P: double kW
          ai A: double kW
          ai N
          ai B
          ai C
          ai S
          ai X
          ai G
          ai F
          pi H kWh
          ai D
          ai E
        }
        aggregate M window tumbling 10m { A = sum(P)  N = count(P) }
        merge M on A { B = A * 2 }
        merge M every 10m { C = A - N }
        merge M on A { D = delta(A) }
        merge M every 10m { E = prev(A) + rate(N) }
        aggregate M window tumbling 1h { S = sum(B)  X = max(C)  F = count(A) }
        aggregate M window hopping 1h step 30m { G = median(A) }
        energy M from A by average_power { every 1h H }
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    public void Out_of_order_records_give_the_in_order_result_last_value_wins(int seed) =>
        AssertConverges(Source, seed, maxDelay: 25 * Minute);

    // The same rules with the job's lateness 0s and the windows' and energy's own: a merge then
    // keeps each input's latest value and the two before it, and a correction of one of those
    // (records up to 15 minutes late correct the 10-minute windows before the latest two) makes
    // again the evaluations that read it, though they are before the block's latest time.
    private static readonly string SourceWithRuleLateness = Source
        .Replace("lateness 3h }", "lateness 0s }", StringComparison.Ordinal)
        .Replace("window tumbling 10m {", "window tumbling 10m lateness 3h {", StringComparison.Ordinal)
        .Replace("window tumbling 1h {", "window tumbling 1h lateness 3h {", StringComparison.Ordinal)
        .Replace("step 30m {", "step 30m lateness 3h {", StringComparison.Ordinal)
        .Replace("{ every 1h H }", "{ every 1h H  lateness 3h }", StringComparison.Ordinal);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Corrections_within_the_values_a_merge_keeps_give_the_in_order_result_without_the_jobs_lateness(int seed)
    {
        Assert.Equal(4, SourceWithRuleLateness.Split("lateness 3h").Length - 1);
        AssertConverges(SourceWithRuleLateness, seed, maxDelay: 15 * Minute);
    }

    // Energy upstream: a meter's readings come minutes to most of an hour apart, so a late one often
    // falls in a 15-minute interval no reading fell in, which gets its first result after the
    // merge and the window downstream have gone past it.
    private const string EnergySource = """
        job chained
        settings { timezone "Europe/Berlin"  lateness 3h }
        model M {
          pi R: double kWh
          pi Q kWh
          ai Cost
          ai T
        }
        energy M from R by meter { slope [0, 100]  every 15m Q }
        merge M every 15m { Cost = Q * 2 }
        aggregate M window tumbling 1h { T = sum(Cost) }
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void An_energy_intervals_late_first_result_gives_the_in_order_result_downstream(int seed) =>
        AssertConverges(EnergySource, seed, maxDelay: 50 * Minute, "R", MeterReadings);

    private static void AssertConverges(string source, int seed, long maxDelay) =>
        AssertConverges(source, seed, maxDelay, "P", Records);

    private static void AssertConverges(string source, int seed, long maxDelay, string input, Func<int, int, long, List<TestRecord>> records)
    {
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(source), "chained");
        List<TestRecord> arrival = records(loaded.Job.Manifest.Points.ToList().FindIndex(p => p.PointId == input), seed, maxDelay);
        List<TestRecord> inOrder = [.. arrival.OrderBy(r => r.Time)];

        Dictionary<OutputKey, double> expected = OutputComparison.LastValues(JobHarness.Run(loaded.Job, inOrder));
        Dictionary<OutputKey, double> actual = OutputComparison.LastValues(JobHarness.Run(loaded.Job, arrival));

        Assert.Equal(expected.Count, actual.Count);
        foreach (((string asset, int point, long time), double value) in expected)
        {
            Assert.True(actual.TryGetValue(new OutputKey(asset, point, time), out double got), $"{asset} {point} at {time}: missing");
            Assert.True(value == got, $"{asset} {point} at {time}: expected {value}, got {got}");
        }
    }

    [Fact]
    public void Held_records_and_corrections_survive_a_checkpoint()
    {
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(Source), "chained");
        List<TestRecord> records = Records(loaded.Job.Manifest.Points.ToList().FindIndex(p => p.PointId == "P"), seed: 4, maxDelay: 25 * Minute);
        CheckpointEquivalence.Assert(() => loaded.Job, records, null, cuts: 4, "chained corrections");
    }

    /// <summary>
    /// Whether a point is chained can change between runs (another job that derives it is released
    /// or removed): a checkpoint written either way resumes the other way, without the held
    /// records or dropping them. Hopping windows keep their partials per pane either way.
    /// </summary>
    [Theory]
    [InlineData(true, false, "tumbling 1h", new[] { 15d, 51d, 87d, 123d, 159d })]
    [InlineData(false, true, "tumbling 1h", new[] { 15d, 51d, 87d, 123d, 159d })]
    [InlineData(true, false, "hopping 2h step 1h", new[] { 15d, 66d, 138d, 210d, 282d, 159d })]
    [InlineData(false, true, "hopping 2h step 1h", new[] { 15d, 66d, 138d, 210d, 282d, 159d })]
    public void A_checkpoint_resumes_when_the_point_stops_or_starts_being_chained(bool chainedBefore, bool chainedAfter, string window, double[] sums)
    {
        long from = At("2026-03-29T00:00:00Z");
        List<(long Time, double Value)> records = [.. Enumerable.Range(0, 30).Select(i => (from + (i * 10 * Minute), (double)i))];

        // Hours of 0 … 5, 6 … 11, … (hopping: two hours, the first and last one): each window's sum once, across the resume.
        Assert.Equal(sums, SumsAcrossAResume(window, records, 15, chainedBefore, chainedAfter));
    }

    /// <summary>
    /// A record of a chained point that counts in no window (its <c>where</c> filters it) is still
    /// held in its windows, for a correction of it to find; once they have expired, nothing of it
    /// may be left in the operator's state, however many such records came.
    /// </summary>
    [Fact]
    public void Chained_records_that_count_in_no_window_leave_nothing_once_their_windows_expire()
    {
        const string Source = """
            job reads_a
            settings { channel offline  timezone "UTC"  lateness 2h }
            model M {
              ai A
              ai S
            }
            aggregate M window hopping 2h step 1h { S = sum(A) where A > 0 }
            """;
        long from = At("2026-03-29T00:00:00Z");
        var chained = new HashSet<(string, string)> { ("M", "A") };
        using var many = new ModelRun(Source, derivedElsewhere: chained);
        for (int hour = 0; hour < 48; hour++)
        {
            many.Add("A", from + (hour * Hour), hour % 4 == 0 ? 10 : -10);
        }

        many.Add("A", from + (100 * Hour), 10);
        using var one = new ModelRun(Source, derivedElsewhere: chained);
        one.Add("A", from + (100 * Hour), 10);

        Assert.Equal(OperatorState(one), OperatorState(many));

        static byte[] OperatorState(ModelRun run)
        {
            using var stream = new MemoryStream();
            var writer = new CheckpointWriter(stream);
            ((ICheckpointedOperator)run.Session.Instance.Operators.Single()).WriteState(writer);
            writer.Flush();
            return stream.ToArray();
        }
    }

    /// <summary>
    /// A window restored from a checkpoint written before its point was chained holds records
    /// that are not known, so none replaces (ChainedRecords): a correction of a record that came
    /// after the resume is added, as it is to a restored tumbling window, and it does not wipe out
    /// what the window held before the resume.
    /// </summary>
    [Theory]
    [InlineData("tumbling 2h", new[] { 19d })]
    [InlineData("hopping 2h step 1h", new[] { 19d, 19d })]
    public void A_correction_in_a_window_restored_from_before_the_point_was_chained_keeps_what_it_held(string window, double[] sums)
    {
        long from = At("2026-03-29T00:00:00Z");
        List<(long Time, double Value)> records =
        [
            (from, 0), (from + (10 * Minute), 1), (from + (20 * Minute), 2), (from + (30 * Minute), 3),
            (from + (40 * Minute), 4), (from + (40 * Minute), 4), (from + (50 * Minute), 5),
        ];

        // 0 + 1 + 2 + 3 from before the resume, 4 and its correction (both added: nothing replaces), 5.
        Assert.Equal(sums, SumsAcrossAResume(window, records, 4, chainedBefore: false, chainedAfter: true));
    }

    /// <summary>
    /// The results of <c>S = sum(A)</c> over the window, with the records of A fed in two runs, the
    /// second resumed from the first's checkpoint at <paramref name="cut"/>, A chained in each or not.
    /// </summary>
    private static IEnumerable<double> SumsAcrossAResume(string window, List<(long Time, double Value)> values, int cut, bool chainedBefore, bool chainedAfter)
    {
        string source = $$"""
            job reads_a
            settings { channel offline  timezone "UTC"  lateness 2h }
            model M {
              ai A
              ai S
            }
            aggregate M window {{window}} { S = sum(A) }
            """;
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(source), "reads_a");
        int a = loaded.Job.Manifest.Points.ToList().FindIndex(p => p.PointId == "A");
        List<TestRecord> records = [.. values.Select(v => new TestRecord("m", a, v.Time, v.Value))];
        using var directory = new TempDirectory();
        var output = new List<Emitted>();
        using (var first = Harness(chainedBefore))
        {
            first.Feed(records, 0, cut);
            first.Host.Checkpoint(DurableHarness.At(cut));
        }

        using (var second = Harness(chainedAfter))
        {
            Assert.True(second.Host.Resumed);
            second.Feed(records, cut, records.Count);
            second.Host.Complete(DurableHarness.At(records.Count));
        }

        return [.. output.Where(o => o.PointId == "S").Select(o => o.Value)];

        DurableHarness Harness(bool chained) =>
            new(loaded.Job, directory.Path, output, derivedElsewhere: chained ? new HashSet<(string, string)> { ("M", "A") } : null);
    }

    /// <summary>
    /// Whole-number register readings of three assets for a day, 1 to 25 minutes apart, each 0 to 9
    /// kWh above the one before, a third of them delayed by up to <paramref name="maxDelay"/>.
    /// </summary>
    private static List<TestRecord> MeterReadings(int point, int seed, long maxDelay)
    {
        var random = new Random(seed * 104_729);
        long from = At("2026-03-29T00:00:00Z");
        var series = new List<TestRecord>();
        foreach (string asset in new[] { "a", "b", "c" })
        {
            double register = 1000;
            series.AddRange(StreamGenerator.Series(random, asset, point, from, from + (24 * Hour), Minute, 25 * Minute, (r, _) => register += r.Next(0, 10)));
        }

        return StreamGenerator.Arrive(random, series, delayedShare: 0.33, maxDelay: maxDelay, veryLateShare: 0, veryLateDelay: 0);
    }

    /// <summary>Whole-number power of three assets for eight hours, a sixth of it delayed by up to <paramref name="maxDelay"/>.</summary>
    private static List<TestRecord> Records(int point, int seed, long maxDelay)
    {
        var random = new Random(seed * 7919);
        long from = At("2026-03-29T00:00:00Z");
        var series = new List<TestRecord>();
        foreach (string asset in new[] { "a", "b", "c" })
        {
            series.AddRange(StreamGenerator.Series(random, asset, point, from, from + (8 * Hour), Minute / 2, 2 * Minute, (r, _) => r.Next(0, 20)));
        }

        return StreamGenerator.Arrive(random, series, delayedShare: 0.15, maxDelay: maxDelay, veryLateShare: 0, veryLateDelay: 0);
    }
}
