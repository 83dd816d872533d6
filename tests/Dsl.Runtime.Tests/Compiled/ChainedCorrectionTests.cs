using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// A chained point (derived by one rule of the job, read by another) is a series with one value per
/// time: an upstream <c>update</c> replaces, in every rule downstream, the value it corrects. The
/// expected figures are worked out by hand from the records in each test.
/// </summary>
public sealed class ChainedCorrectionTests
{
    private static readonly long T = Instants.At("2026-05-04T10:00:00Z");

    // A: ten-minute sums of P, corrected for late P within two hours.
    private const string Upstream = """
        job chained
        settings { channel offline  timezone "UTC"  lateness 2h }
        model M {
          ai P: double kW
          ai A: double kW
          ai B
          ai C
          ai S
          ai N
          ai X
          pi H kWh
          ai G
        }
        aggregate M window tumbling 10m { A = sum(P) }

        """;

    /// <summary>P at 10:05, 10:15 … 10:55 (values 1 … 6) and 11:05, 11:15 (7, 8): A is 1 … 8 at 10:00 … 11:10.</summary>
    private static readonly (long Time, double Value)[] InOrder =
        [.. Enumerable.Range(0, 8).Select(i => (T + (5 * Minute) + (i * 10 * Minute), (double)(i + 1)))];

    [Fact]
    public void An_aggregate_of_a_chained_point_replaces_the_corrected_value()
    {
        // The hour 10:00 of A (1 … 6) is due once A at 11:00 arrives; the late P at 10:06 then
        // corrects A at 10:00 from 1 to 101.
        using ModelRun run = Run(Upstream + "aggregate M window tumbling 1h { S = sum(A)  N = count(A)  X = max(A) }", InOrder, (T + (6 * Minute), 100));

        Assert.Equal(
            [("S", T, 21d, CalMode.Ontime), ("N", T, 6d, CalMode.Ontime), ("X", T, 6d, CalMode.Ontime),
             ("S", T, 121d, CalMode.Update), ("N", T, 6d, CalMode.Update), ("X", T, 101d, CalMode.Update)],
            Hour(run, "S", "N", "X"));
    }

    [Fact]
    public void A_correction_before_the_window_is_due_is_replaced_without_an_update()
    {
        // The late P arrives while the hour is open: the hour is emitted once, already corrected.
        (long, double)[] records = [.. InOrder.Take(6), (T + (6 * Minute), 100), .. InOrder.Skip(6)];
        using ModelRun run = Run(Upstream + "aggregate M window tumbling 1h { S = sum(A)  N = count(A) }", records);

        Assert.Equal([("S", T, 121d, CalMode.Ontime), ("N", T, 6d, CalMode.Ontime)], Hour(run, "S", "N"));
    }

    [Fact]
    public void A_merge_on_a_chained_point_emits_its_correction_as_an_update()
    {
        using ModelRun run = Run(Upstream + "merge M on A { B = A * 2 }", InOrder, (T + (6 * Minute), 100));

        Assert.Equal([("B", T, 2d, CalMode.Ontime), ("B", T, 202d, CalMode.Update)], At(run, T, "B"));
    }

    [Fact]
    public void A_merge_every_period_evaluates_again_the_grid_times_a_correction_changes()
    {
        // C at grid time G is A at G (the latest at or before it) minus 1. A's correction at 10:00
        // changes C at 10:00 only: at 10:10 the latest A is the one stamped 10:10.
        using ModelRun run = Run(Upstream + "merge M every 10m { C = A - 1 }", InOrder, (T + (6 * Minute), 100));

        Assert.Equal([("C", T, 0d, CalMode.Ontime), ("C", T, 100d, CalMode.Update)], At(run, T, "C"));
        Assert.Equal([("C", T + (10 * Minute), 1d, CalMode.Ontime)], At(run, T + (10 * Minute), "C"));
        Assert.Equal(0, run.Counters[Counter.SkippedMissing]);
    }

    [Fact]
    public void A_merge_on_another_point_evaluates_again_the_triggers_a_correction_changes()
    {
        const string Source = """
            job chained
            settings { channel offline  timezone "UTC"  lateness 2h }
            model M {
              ai P
              ai Q
              ai A
              ai B
            }
            aggregate M window tumbling 10m { A = sum(P) }
            merge M on Q { B = Q + A }
            """;

        // A at 10:00 (1) is emitted when P at 10:15 arrives, A at 10:10 (2) when P at 10:25 does.
        // The triggers at 10:03 and 10:08 read A at 10:00, the one at 10:12 A at 10:10. The late P
        // corrects A at 10:00 to 101: the two triggers that read it are evaluated again.
        using ModelRun run = new ModelRun(Source)
            .Add("P", T + (5 * Minute), 1)
            .Add("P", T + (15 * Minute), 2)
            .Add("Q", T + (3 * Minute), 10)
            .Add("Q", T + (8 * Minute), 20)
            .Add("P", T + (25 * Minute), 3)
            .Add("Q", T + (12 * Minute), 30)
            .Add("P", T + (6 * Minute), 100)
            .Complete();

        Assert.Equal(
            [("B", T + (3 * Minute), 11d, CalMode.Ontime), ("B", T + (3 * Minute), 111d, CalMode.Update)],
            At(run, T + (3 * Minute), "B"));
        Assert.Equal(
            [("B", T + (8 * Minute), 21d, CalMode.Ontime), ("B", T + (8 * Minute), 121d, CalMode.Update)],
            At(run, T + (8 * Minute), "B"));
        Assert.Equal([("B", T + (12 * Minute), 32d, CalMode.Ontime)], At(run, T + (12 * Minute), "B"));
    }

    [Fact]
    public void Without_the_jobs_lateness_a_merge_evaluates_again_the_kept_triggers_that_read_a_correction()
    {
        // The job's lateness is 0s: the merge keeps each input's latest value and the two before
        // it; the window's own lateness lets the late P correct A at 10:00.
        const string Source = """
            job chained
            settings { channel offline  timezone "UTC" }
            model M {
              ai P
              ai Q
              ai A
              ai B
            }
            aggregate M window tumbling 10m lateness 30m { A = avg(P) }
            merge M on Q { B = Q + A }
            """;

        // A at 10:00 (10) is emitted when P at 10:10 arrives. The triggers at 10:12, 10:13 and 10:14
        // all read it, and are kept (the latest and the two before). The late P at 10:05 makes A at
        // 10:00 the average of 10 and 30, 20: all three are evaluated again, as in time order.
        using ModelRun run = new ModelRun(Source)
            .Add("P", T, 10)
            .Add("P", T + (10 * Minute), 20)
            .Add("Q", T + (12 * Minute), 1)
            .Add("Q", T + (13 * Minute), 2)
            .Add("Q", T + (14 * Minute), 3)
            .Add("P", T + (5 * Minute), 30)
            .Complete();

        Assert.Equal(
            [("B", T + (12 * Minute), 11d, CalMode.Ontime), ("B", T + (12 * Minute), 21d, CalMode.Update)],
            At(run, T + (12 * Minute), "B"));
        Assert.Equal(
            [("B", T + (13 * Minute), 12d, CalMode.Ontime), ("B", T + (13 * Minute), 22d, CalMode.Update)],
            At(run, T + (13 * Minute), "B"));
        Assert.Equal(
            [("B", T + (14 * Minute), 13d, CalMode.Ontime), ("B", T + (14 * Minute), 23d, CalMode.Update)],
            At(run, T + (14 * Minute), "B"));
    }

    [Fact]
    public void Without_the_jobs_lateness_a_merge_every_period_evaluates_again_a_passed_grid_time_that_read_a_correction()
    {
        const string Source = """
            job chained
            settings { channel offline  timezone "UTC" }
            model M {
              ai P
              ai A
              ai Z
            }
            aggregate M window tumbling 10m lateness 30m { A = avg(P) }
            merge M every 10m { Z = A * 1 }
            """;

        // A at 10:00 (10) is emitted when P at 10:10 arrives, and Z at 10:00 reads it; the late P at
        // 10:05 corrects A at 10:00 to 20, still kept (one before the latest, A at 10:10).
        using ModelRun run = new ModelRun(Source)
            .Add("P", T, 10)
            .Add("P", T + (10 * Minute), 20)
            .Add("P", T + (20 * Minute), 30)
            .Add("P", T + (5 * Minute), 30)
            .Complete();

        Assert.Equal([("Z", T, 10d, CalMode.Ontime), ("Z", T, 20d, CalMode.Update)], At(run, T, "Z"));
    }

    // Avg: ten-minute averages of A, corrected for late A within an hour.
    private const string Averages = """
        job averages
        settings { channel offline  timezone "UTC"  lateness 1h }
        model M {
          ai A: double
          ai Q
          ai Avg
          ai Dl
          ai G
        }
        aggregate M window tumbling 10m { Avg = avg(A) }

        """;

    // The same, with values of Avg above 25 invalid.
    private static readonly string Bounded = Averages.Replace("ai Avg", "ai Avg range [0, 25]", StringComparison.Ordinal);

    [Fact]
    public void A_merge_on_a_chained_point_evaluates_again_the_trigger_that_read_the_correction_as_its_previous_value()
    {
        // Avg is 10, 20, 30 at 10:00 … 10:20; Dl at 10:10 is 20 − 10. The late A at 10:01 corrects
        // Avg at 10:00 to 20, so Dl at 10:10 is 20 − 20, as in time order.
        using ModelRun run = new ModelRun(Averages + "merge M on Avg { Dl = delta(Avg) }")
            .Add("A", T, 10)
            .Add("A", T + (10 * Minute), 20)
            .Add("A", T + (20 * Minute), 30)
            .Add("A", T + Minute, 30)
            .Complete();

        Assert.Empty(At(run, T, "Dl"));
        Assert.Equal(
            [("Dl", T + (10 * Minute), 10d, CalMode.Ontime), ("Dl", T + (10 * Minute), 0d, CalMode.Update)],
            At(run, T + (10 * Minute), "Dl"));
        Assert.Equal([("Dl", T + (20 * Minute), 10d, CalMode.Ontime)], At(run, T + (20 * Minute), "Dl"));
    }

    [Fact]
    public void A_trigger_evaluated_again_for_its_correction_does_not_count_its_missing_outputs_twice()
    {
        // Dl at 10:00 has no previous value: skipped once in time order, where Avg at 10:00 comes
        // once, already corrected. Its correction makes the same evaluation again.
        using ModelRun run = new ModelRun(Averages + "merge M on Avg { Dl = delta(Avg) }")
            .Add("A", T, 10)
            .Add("A", T + (10 * Minute), 20)
            .Add("A", T + Minute, 30)
            .Complete();

        Assert.Empty(At(run, T, "Dl"));
        Assert.Equal(1, run.Counters[Counter.SkippedMissing]);
    }

    [Fact]
    public void A_merge_every_period_evaluates_again_the_grid_times_that_read_the_correction_as_their_previous_value()
    {
        // Avg at 10:20 passes the grid time 10:10 before the late A at 10:01 corrects Avg at 10:00.
        using ModelRun run = new ModelRun(Averages + "merge M every 10m { Dl = delta(Avg) }")
            .Add("A", T, 10)
            .Add("A", T + (10 * Minute), 20)
            .Add("A", T + (20 * Minute), 30)
            .Add("A", T + (30 * Minute), 40)
            .Add("A", T + Minute, 30)
            .Complete();

        Assert.Equal(
            [("Dl", T + (10 * Minute), 10d, CalMode.Ontime), ("Dl", T + (10 * Minute), 0d, CalMode.Update)],
            At(run, T + (10 * Minute), "Dl"));
        Assert.Equal([("Dl", T + (20 * Minute), 10d, CalMode.Ontime)], At(run, T + (20 * Minute), "Dl"));
    }

    [Fact]
    public void A_correction_out_of_range_removes_the_value_it_corrects_from_a_merge_every_period()
    {
        // Avg at 10:00 is 10, then corrected to 30, out of range: as in time order, the grid time
        // 10:00, evaluated after the correction, has no Avg.
        using ModelRun run = new ModelRun(Bounded + "merge M every 10m { G = Avg * 2 }")
            .Add("A", T, 10)
            .Add("A", T + (10 * Minute), 20)
            .Add("A", T + Minute, 50)
            .Add("A", T + (20 * Minute), 20)
            .Complete();

        Assert.Empty(At(run, T, "G"));
        Assert.Equal([("G", T + (10 * Minute), 40d, CalMode.Ontime)], At(run, T + (10 * Minute), "G"));
        Assert.Equal(1, run.Counters[Counter.SkippedMissing]);
    }

    [Fact]
    public void A_correction_out_of_range_removes_the_value_it_corrects_from_a_merge_on_another_point()
    {
        using ModelRun run = new ModelRun(Bounded + "merge M on Q { G = Avg * 2 }")
            .Add("A", T, 10)
            .Add("A", T + (10 * Minute), 20)
            .Add("A", T + Minute, 50)
            .Add("Q", T + (5 * Minute), 1)
            .Complete();

        Assert.Empty(At(run, T + (5 * Minute), "G"));
        Assert.Equal(1, run.Counters[Counter.SkippedMissing]);
    }

    [Fact]
    public void A_trigger_corrected_out_of_range_is_not_the_previous_value_of_the_next()
    {
        // Avg at 10:00 is removed before Avg at 10:10 triggers: Dl there has no previous value.
        using ModelRun run = new ModelRun(Bounded + "merge M on Avg { Dl = delta(Avg) }")
            .Add("A", T, 10)
            .Add("A", T + (10 * Minute), 20)
            .Add("A", T + Minute, 50)
            .Add("A", T + (20 * Minute), 20)
            .Complete();

        Assert.Empty(At(run, T + (10 * Minute), "Dl"));
        Assert.Equal([("Dl", T + (20 * Minute), 0d, CalMode.Ontime)], At(run, T + (20 * Minute), "Dl"));
    }

    [Fact]
    public void Evaluations_that_read_a_value_corrected_out_of_range_are_made_again()
    {
        // Dl at 10:10 (20 − 10) read Avg at 10:00, which the late A at 10:01 makes 30, out of range:
        // Dl at 10:10 now has no previous value, emits nothing (outputs are not retracted), and
        // Dl at 10:20 is still evaluated with Avg at 10:10.
        using ModelRun run = new ModelRun(Bounded + "merge M on Avg { Dl = delta(Avg) }")
            .Add("A", T, 10)
            .Add("A", T + (10 * Minute), 20)
            .Add("A", T + (20 * Minute), 20)
            .Add("A", T + Minute, 50)
            .Complete();

        Assert.Equal([("Dl", T + (10 * Minute), 10d, CalMode.Ontime)], At(run, T + (10 * Minute), "Dl"));
        Assert.Equal([("Dl", T + (20 * Minute), 0d, CalMode.Ontime)], At(run, T + (20 * Minute), "Dl"));
    }

    [Fact]
    public void An_energy_rule_over_a_chained_point_replaces_the_corrected_reading()
    {
        // Rectangle rule: each A closes the ten minutes before it at its own power, so the hour
        // 10:00–11:00 sums A at 10:10 … 10:50 (2 + 3 + 4 + 5 + 6) / 6 = 20/6 kWh, and A at 10:00
        // has no step before it. The correction of A at 10:00 changes nothing in it; the late P at
        // 10:16 corrects A at 10:10 from 2 to 52: (52 + 3 + 4 + 5 + 6) / 6 = 70/6 kWh.
        using ModelRun run = Run(Upstream + "energy M from A by average_power { every 1h H }", InOrder, (T + (6 * Minute), 100), (T + (16 * Minute), 50));

        // Energy is written to 10 significant digits.
        Assert.Equal([("H", T, 3.333333333, CalMode.Ontime), ("H", T, 11.66666667, CalMode.Update)], At(run, T, "H"));
    }

    [Fact]
    public void A_session_of_a_chained_point_replaces_the_corrected_value()
    {
        using ModelRun run = Run(Upstream + "aggregate M window session 5m { G = sum(A) }", InOrder, (T + (6 * Minute), 100));

        // A comes every ten minutes, so each value is a session of its own: A at 10:00 alone.
        Assert.Equal([("G", T, 1d, CalMode.Ontime), ("G", T, 101d, CalMode.Update)], At(run, T, "G"));
    }

    /// <summary>
    /// A point another job derives arrives through the channel as that job's output lines. Named as
    /// derived elsewhere, it is chained: an <c>update</c> line at a new time (a window that late
    /// records gave its first result) makes the grid times it changes evaluated again.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_point_derived_by_another_job_is_corrected_from_its_update_lines(bool derivedElsewhere)
    {
        const string Source = """
            job reads_a
            settings { channel offline  timezone "UTC"  lateness 2h }
            model M {
              ai A
              ai C
            }
            merge M every 10m { C = A - 1 }
            """;
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(Source), "reads_a");
        var sink = new CollectingSink();
        var options = new JobSessionOptions(DerivedElsewhere: derivedElsewhere ? new HashSet<(string, string)> { ("M", "A") } : null);
        var session = new JobSession(loaded.Job, sink, options);
        string Line(long time, double value, string mode) =>
            $$$"""{"assetId":"a","modelId":"M","pointId":"A","time":{{{time}}},"value":{{{value}}},"attr":{"job":"tens","calMode":"{{{mode}}}"}}""";

        // C at 10:10 is evaluated once A at 10:20 has passed it, with A at 10:00; A at 10:10 then
        // comes as an update.
        string[] lines = [Line(T, 1, "ontime"), Line(T + (20 * Minute), 3, "ontime"), Line(T + (10 * Minute), 2, "update")];
        for (int i = 0; i < lines.Length; i++)
        {
            session.ProcessLine(System.Text.Encoding.UTF8.GetBytes(lines[i]), i + 1);
        }

        session.Complete();
        List<(double Value, CalMode Mode)> at1010 = [.. sink.Records.Where(r => r.Time == T + (10 * Minute)).Select(r => (r.Value, r.Mode))];
        Assert.Equal(derivedElsewhere ? [(0d, CalMode.Ontime), (1d, CalMode.Update)] : [(0d, CalMode.Ontime)], at1010);
    }

    private static ModelRun Run(string source, (long Time, double Value)[] records, params (long Time, double Value)[] late)
    {
        var run = new ModelRun(source);
        foreach ((long time, double value) in records.Concat(late))
        {
            run.Add("P", time, value);
        }

        return run.Complete();
    }

    private static List<(string, long, double, CalMode)> Hour(ModelRun run, params string[] points) =>
        [.. run.Records.Where(r => r.Time == T && points.Contains(r.Point)).Select(r => (r.Point, r.Time, r.Value, r.Mode))];

    private static List<(string, long, double, CalMode)> At(ModelRun run, long time, string point) =>
        [.. run.Records.Where(r => r.Time == time && r.Point == point).Select(r => (r.Point, r.Time, r.Value, r.Mode))];
}
