using Dsl.Runtime.Hosting;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// An asset of an <c>every D</c> block that comes back after a long gap passes every grid time of
/// the gap; each is evaluated as language.md says, whether or not the runtime evaluates them one
/// by one (it need not, once the values have expired and no output reads the time).
/// </summary>
public sealed class MergeGapTests
{
    [Fact]
    public void Grid_times_of_a_gap_after_the_values_expire_write_nothing_and_count_each_output_as_missing()
    {
        using var run = new ModelRun("""
            job gap
            settings { channel offline  timezone "UTC" }
            model M { ai P  ai Q  ai S  ai Twice }
            merge M every 1m hold 10m {
              S     = sqrt(P ^ 2 + Q ^ 2)
              Twice = coalesce(P, Q) * 2
            }
            """);
        long t = At("2026-05-04T00:00:00Z");
        long back = t + (10 * Day);
        run.Add("P", t + (30 * Second), 3).Add("Q", t + (30 * Second), 4);
        run.Add("P", back + (30 * Second), 6).Add("Q", back + (30 * Second), 8).Add("Q", back + (90 * Second), 8);
        run.Complete();

        // The values of 00:00:30 are held until 00:10:30: grid times 00:01 to 00:10 have them. The
        // first grid time after the gap has the values that ended it.
        var expected = Enumerable.Range(1, 10).SelectMany(m => new[] { ("S", t + (m * Minute), 5d), ("Twice", t + (m * Minute), 6d) })
            .Concat([("S", back + Minute, 10d), ("Twice", back + Minute, 12d)]);
        Assert.Equal(expected, run.Outputs);

        // From 00:11 to the last grid time before the records ten days on, both outputs are missing.
        long gridTimes = ((back - t) / Minute) - 10;
        Assert.Equal(2 * gridTimes, run.Counters[Counter.SkippedMissing]);
        Assert.Equal(22, run.Counters[Counter.Outputs]);
    }

    /// <summary>
    /// Over expired values an output that reads the time can still have a result at one grid time
    /// and none at another (missing is missing in either branch, but a fallback of coalesce can be
    /// NaN at one hour only): the gap after an evaluation that wrote nothing is evaluated on.
    /// </summary>
    [Fact]
    public void An_output_that_reads_the_time_is_evaluated_at_each_grid_time_of_a_gap()
    {
        using var run = new ModelRun("""
            job gap
            settings { channel offline  timezone "UTC" }
            model M { ai P  ai Q  ai S  ai Hourly }
            merge M every 1h hold 10m {
              S      = sqrt(P ^ 2 + Q ^ 2)
              Hourly = coalesce(P, 1 / (hour() - 3))
            }
            """);
        long t = At("2026-05-04T00:00:00Z");
        run.Add("P", t + (30 * Second), 3).Add("Q", t + (30 * Second), 4);
        run.Add("P", t + (2 * Day) + (30 * Second), 6).Add("Q", t + (2 * Day) + (30 * Second), 8);
        run.Complete();

        // Grid times 01:00 on the first day to 00:00 on the third, the values expired at each: at
        // 03:00 the fallback divides by zero, and the hour after writes again.
        var hours = Enumerable.Range(1, 48).Where(h => h % 24 != 3);
        Assert.Equal(hours.Select(h => ("Hourly", t + (h * Hour), 1d / ((h % 24) - 3))), run.Outputs);
        Assert.Equal(2, run.Counters[Counter.InvalidResults]);
        Assert.Equal(48, run.Counters[Counter.SkippedMissing]);
    }
}
