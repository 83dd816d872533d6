using Dsl.Runtime.Hosting;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// In realtime, an asset silent for <c>idle</c> has the windows and intervals the wall clock has
/// passed closed, and only those. A meter that reads every 15 minutes is idle between its readings
/// under the default <c>idle 10m</c>, and its day must still add up; readings a gateway buffered
/// while it was offline still count.
/// </summary>
public sealed class IdleClockTests
{
    private const string Source = """
        job idle_clock
        settings { channel realtime  timezone "UTC"  idle 10m  lateness 5m }
        model M {
          pi E: double kWh
          ai P: double kW
          pi Daily kWh
          pi Quarter kWh
          ai DayMax kW
        }
        energy M from E by meter { daily Daily  every 15m Quarter }
        aggregate M window tumbling 1d { DayMax = max(P) }
        """;

    private static readonly long Day = At("2026-06-01T00:00:00Z");

    [Fact]
    public void A_meter_idle_between_its_readings_keeps_its_day_open_until_the_clock_passes_midnight()
    {
        using var run = new ModelRun(Source);

        // Readings every 15 minutes from 10:00 to 12:00, each arriving when the clock shows its
        // time; the clock also ticks in between, so the meter is idle 10 minutes after each one.
        double register = 1000;
        for (long t = Day + (10 * Hour); t <= Day + (12 * Hour); t += 15 * Minute)
        {
            run.Session.AdvanceProcessingTime(t);
            run.Add("E", t, register).Add("P", t, register / 100);
            run.Session.AdvanceProcessingTime(t + (11 * Minute));
            register += 2.5;
        }

        // Eight steps of 2.5 kWh; the day is not over, so it has no result yet.
        Assert.Equal(0, run.Counters[Counter.Late]);
        Assert.DoesNotContain(run.Outputs, o => o.Point is "Daily" or "DayMax");
        Assert.Equal(2.5, run.Outputs.Last(o => o.Point == "Quarter" && o.Time == Day + (11 * Hour) + (45 * Minute)).Value, 9);

        // The clock passes midnight (and the lateness): the day is due, and then expired.
        run.Session.AdvanceProcessingTime(Day + (24 * Hour));
        run.Session.AdvanceProcessingTime(Day + (24 * Hour) + (6 * Minute));
        Assert.Equal(20.0, run.Outputs.Last(o => o.Point == "Daily").Value, 9);
        Assert.Equal(10.2, run.Outputs.Single(o => o.Point == "DayMax").Value, 9);

        // A reading of that day after its expiry is late.
        run.Add("E", Day + (23 * Hour), register + 1);
        Assert.Equal(1, run.Counters[Counter.Late]);
    }

    [Fact]
    public void A_silent_asset_closes_nothing_whose_end_the_clock_has_not_reached()
    {
        using var run = new ModelRun(Source);
        run.Session.AdvanceProcessingTime(Day + (10 * Hour));
        run.Add("P", Day + (10 * Hour), 5);

        // Silent for hours: the day window is still open, and a record later that day joins it.
        run.Session.AdvanceProcessingTime(Day + (10 * Hour) + (11 * Minute));
        run.Session.AdvanceProcessingTime(Day + (20 * Hour));
        run.Add("P", Day + (20 * Hour), 7);
        Assert.Empty(run.Outputs);

        run.Session.AdvanceProcessingTime(Day + (24 * Hour) + (20 * Minute));
        Assert.Equal([("DayMax", Day, 7.0)], run.Outputs);
        Assert.Equal(0, run.Counters[Counter.Late]);
    }

    [Fact]
    public void Readings_a_gateway_buffered_while_the_meter_was_idle_still_count()
    {
        using var run = new ModelRun(Source);
        run.Session.AdvanceProcessingTime(Day + (10 * Hour));
        run.Add("E", Day + (10 * Hour), 1000).Add("E", Day + (10 * Hour) + (15 * Minute), 1002.5);

        // The gateway goes offline for two hours: the meter is idle, and the quarter the clock has
        // passed is closed.
        run.Session.AdvanceProcessingTime(Day + (12 * Hour));
        // The first reading's quarter holds no step (0); the next one's the step of 2.5 kWh.
        Assert.Equal([("Quarter", Day + (10 * Hour), 0.0), ("Quarter", Day + (10 * Hour) + (15 * Minute), 2.5)], run.Outputs);

        // Then it delivers what it buffered: every reading after that quarter counts.
        for (int i = 2; i < 8; i++)
        {
            run.Add("E", Day + (10 * Hour) + (i * 15 * Minute), 1000 + (i * 2.5));
        }

        run.Session.AdvanceProcessingTime(Day + (24 * Hour) + Hour);
        Assert.Equal(0, run.Counters[Counter.Late]);
        Assert.Equal(17.5, run.Outputs.Last(o => o.Point == "Daily").Value, 9);
    }

    /// <summary>
    /// A resumed job closes its silent assets once more. That close must add nothing: the same
    /// records give the same results however often the job is paused, resumed or restarted. Before,
    /// each close added one more zero result of <c>fill 0</c>, a window further on each time.
    /// </summary>
    [Fact]
    public void A_silent_asset_closed_again_after_a_resume_adds_no_zero_result()
    {
        const string Counted = """
            job idle_fill
            settings { channel realtime  timezone "UTC"  idle 2s }
            model M {
              ai P: double
              ai N
            }
            aggregate M window tumbling 10m { N = count(P) fill 0 }
            """;
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(Counted), "idle_fill");
        int p = loaded.Job.Manifest.Points.ToList().FindIndex(point => point.PointId == "P");
        long window = Day + (9 * Hour);
        long now = Day + (12 * Hour);
        List<TestRecord> records = [new("a", p, window + Second, 1), new("a", p, window + (2 * Second), 2), new("a", p, window + (3 * Second), 3), new("a", p, window + (35 * Minute), 4)];
        using var directory = new TempDirectory();
        var output = new List<Emitted>();
        using (var first = new DurableHarness(loaded.Job, directory.Path, output))
        {
            first.Host.Session.AdvanceProcessingTime(now);
            first.Feed(records, 0, 3);
            first.Host.Session.AdvanceProcessingTime(now + (3 * Second));
            first.Host.Checkpoint(DurableHarness.At(3));
        }

        Assert.Equal([(window, 3d)], Counts());
        for (int resume = 1; resume <= 2; resume++)
        {
            using var again = new DurableHarness(loaded.Job, directory.Path, output);
            Assert.True(again.Host.Resumed);
            again.Host.Session.AdvanceProcessingTime(now + (resume * Minute));
            again.Host.Session.AdvanceProcessingTime(now + (resume * Minute) + (3 * Second));
            again.Host.Checkpoint(DurableHarness.At(3));
        }

        Assert.Equal([(window, 3d)], Counts());

        // A record later on takes the zero results up again, as far as its own window.
        using (var last = new DurableHarness(loaded.Job, directory.Path, output))
        {
            last.Host.Session.AdvanceProcessingTime(now + (5 * Minute));
            last.Feed(records, 3, 4);
            last.Host.Session.AdvanceProcessingTime(now + (5 * Minute) + (3 * Second));
        }

        Assert.Equal([(window, 3d), (window + (10 * Minute), 0d), (window + (20 * Minute), 0d), (window + (30 * Minute), 1d)], Counts());

        List<(long Time, double Value)> Counts() => [.. output.Where(o => o.PointId == "N").Select(o => (o.Time, o.Value))];
    }

    /// <summary>
    /// Idle closes while records come in bursts, each arriving when the clock shows its time, with
    /// silences between the bursts longer than <c>idle</c>; in the end the clock passes everything.
    /// The last result of each window must be the one the same records give as a file (end of
    /// input), and no window may get a result the file does not give: an idle close made before a
    /// window's end, or one after a record within lateness, once gave a window that had a count a
    /// later 0, and a silent asset zeros beyond its last record.
    /// </summary>
    [Theory]
    [InlineData("tumbling 10m", "0s")]
    [InlineData("tumbling 10m", "15m")]
    [InlineData("hopping 30m step 10m", "0s")]
    [InlineData("hopping 30m step 10m", "5m")]
    public void Idle_closes_between_bursts_give_what_the_records_give_as_a_file(string window, string lateness)
    {
        string source = $$"""
            job idle_bursts
            settings { channel realtime  timezone "UTC"  idle 2m  lateness {{lateness}} }
            model M {
              ai P: double
              ai N
              ai S
            }
            aggregate M window {{window}} {
              N = count(P) fill 0
              S = sum(P)
            }
            """;
        for (int seed = 1; seed <= 5; seed++)
        {
            var random = new Random(seed * 31);
            var records = new List<(string Asset, long Time, double Value)>();
            foreach (string asset in new[] { "a", "b", "c" })
            {
                long t = Day + random.Next(0, 3600) * Second;
                for (int burst = 0; burst < 6; burst++)
                {
                    for (int i = random.Next(1, 5); i > 0; i--)
                    {
                        records.Add((asset, t, random.Next(1, 10)));
                        t += random.Next(5, 90) * Second;
                    }

                    t += random.Next(3, 70) * Minute;
                }
            }

            records.Sort((x, y) => x.Time.CompareTo(y.Time));
            using var file = new ModelRun(source);
            foreach (var (asset, time, value) in records)
            {
                file.Add("P", time, value, asset: asset);
            }

            file.Complete();

            using var realtime = new ModelRun(source);
            long clock = records[0].Time;
            realtime.Session.AdvanceProcessingTime(clock);
            foreach (var (asset, time, value) in records)
            {
                for (; clock + Minute < time; clock += Minute)
                {
                    realtime.Session.AdvanceProcessingTime(clock + Minute);
                }

                clock = time;
                realtime.Session.AdvanceProcessingTime(clock);
                realtime.Add("P", time, value, asset: asset);
            }

            realtime.Session.AdvanceProcessingTime(clock + (3 * Hour));
            realtime.Session.AdvanceProcessingTime(clock + (4 * Hour));
            Assert.Equal(LastValues(file), LastValues(realtime));
        }

        static List<string> LastValues(ModelRun run) =>
            [.. run.Records.GroupBy(r => (r.Asset, r.Point, r.Time)).OrderBy(g => g.Key).Select(g => $"{g.Key.Asset} {g.Key.Point} {g.Key.Time} {g.Last().Value}")];
    }
}
