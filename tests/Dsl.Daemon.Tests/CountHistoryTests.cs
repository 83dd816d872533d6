using Dsl.Daemon.Alarms;

namespace Dsl.Daemon.Tests;

/// <summary>Alarm counts over a period count the events of the current run since the daemon began counting it.</summary>
public sealed class CountHistoryTests
{
    private static readonly DateTimeOffset _start = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan _minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void CountersRestoredFromACheckpointAreNotEventsOfThePeriod()
    {
        var history = new CountHistory();
        var origin = new CountOrigin(1, Errors(4));
        history.Add(origin, _start, Errors(4), _minute);
        Assert.Equal((0L, false), history.Over(Count, _minute, _start));

        history.Add(origin, _start.AddSeconds(1), Errors(6), _minute);
        Assert.Equal((2L, false), history.Over(Count, _minute, _start.AddSeconds(1)));

        history.Add(origin, _start.AddSeconds(61), Errors(7), _minute);
        Assert.Equal((1L, true), history.Over(Count, _minute, _start.AddSeconds(61)));
    }

    [Fact]
    public void AFreshStartCountsFromZeroAndForgetsTheEarlierRun()
    {
        var history = new CountHistory();
        history.Add(new CountOrigin(1, Errors(0)), _start, Errors(3), _minute);
        Assert.Equal((3L, false), history.Over(Count, _minute, _start));
        history.Add(new CountOrigin(1, Errors(0)), _start.AddSeconds(90), Errors(10), _minute);

        // Stopped and started again: the counters begin at zero, and the readings of run 1 are no baseline.
        history.Add(new CountOrigin(2, Errors(0)), _start.AddSeconds(91), Errors(1), _minute);
        Assert.Equal((1L, false), history.Over(Count, _minute, _start.AddSeconds(91)));
    }

    [Fact]
    public void CountersNotKnownCountNothing()
    {
        var history = new CountHistory();
        history.Add(new CountOrigin(1, Errors(0)), _start, Errors(3), _minute);
        history.MarkCountersUnknown();
        Assert.Null(history.Over(Count, _minute, _start));
    }

    /// <summary>
    /// A new version is swapped in while the job runs: for a moment its counters are not known, and
    /// a round then counts nothing. The run goes on, and so does its count: a period the new version
    /// adds starts at the reading before it, not back at the start of the run.
    /// </summary>
    [Fact]
    public void CountersNotKnownForAMomentOfTheSameRunDoNotRestartTheCount()
    {
        var history = new CountHistory();
        var origin = new CountOrigin(1, Errors(0));
        history.Add(origin, _start, Errors(5));

        history.MarkCountersUnknown();
        Assert.Null(history.Over(Count, _minute, _start.AddSeconds(1)));

        history.Add(origin, _start.AddSeconds(2), Errors(5), _minute);
        Assert.Equal((0L, false), history.Over(Count, _minute, _start.AddSeconds(2)));
    }

    /// <summary>
    /// A new version that adds a rule over a longer period, two hours into a run: the thousand
    /// errors of the first hour were read over a minute only, and are no events of the last hour.
    /// </summary>
    [Fact]
    public void APeriodANewVersionAddsCountsFromTheReadingBeforeNotFromTheOrigin()
    {
        var history = new CountHistory();
        var origin = new CountOrigin(1, Errors(0));
        const int twoHours = 7200;
        for (int second = 0; second <= twoHours; second++)
        {
            history.Add(origin, _start.AddSeconds(second), Errors(Math.Min(second, 1000)), _minute);
        }

        // The new version, and two errors since the reading before it.
        TimeSpan hour = TimeSpan.FromHours(1);
        DateTimeOffset deployed = _start.AddSeconds(twoHours + 1);
        history.Add(origin, deployed, Errors(1002), _minute, hour);
        Assert.Equal((2L, false), history.Over(Count, hour, deployed));
        Assert.Equal((2L, true), history.Over(Count, _minute, deployed));

        history.Add(origin, deployed.AddHours(1), Errors(1005), _minute, hour);
        Assert.Equal((3L, true), history.Over(Count, hour, deployed.AddHours(1)));
    }

    /// <summary>
    /// A version deployed between two readings: a period it adds counts from the counters at its
    /// deployment, not from the reading before, which missed the records read in between.
    /// </summary>
    [Fact]
    public void APeriodANewVersionAddsCountsFromTheCountersAtItsDeploymentWhenKnown()
    {
        var history = new CountHistory();
        var origin = new CountOrigin(1, Errors(0));
        history.Add(origin, _start, Errors(0));

        // Five errors, then the deployment, before the next reading.
        history.Add(origin, _start.AddSeconds(1), Errors(5), Errors(5), [_minute]);
        Assert.Equal((0L, false), history.Over(Count, _minute, _start.AddSeconds(1)));
    }

    /// <summary>A reading a second over a long period: the history stays small, and the count stays within a 512th of the period.</summary>
    [Fact]
    public void ALongPeriodKeepsFewReadingsAndCountsOverNearlyThePeriod()
    {
        var history = new CountHistory();
        var origin = new CountOrigin(1, Errors(0));
        TimeSpan day = TimeSpan.FromDays(1);
        int seconds = (int)(day + TimeSpan.FromHours(1)).TotalSeconds;

        // One error a second, a new set of counters each time, as the evaluator reads them.
        for (int second = 0; second <= seconds; second++)
        {
            history.Add(origin, _start.AddSeconds(second), Errors(second), _minute, day);
        }

        Assert.InRange(history.Readings, 1, 2 * (CountHistory.Steps + 3));
        DateTimeOffset now = _start.AddSeconds(seconds);
        Assert.Equal((60L, true), history.Over(Count, _minute, now));
        (long count, bool whole) = history.Over(Count, day, now) ?? throw new InvalidOperationException();
        Assert.True(whole);
        Assert.InRange(count, 86_400, 86_400 + (86_400 / CountHistory.Steps) + 1);
    }

    private static Dictionary<string, long> Errors(long count) => new(StringComparer.Ordinal) { ["errors"] = count };

    private static long Count(IReadOnlyDictionary<string, long> counts) => counts["errors"];
}
