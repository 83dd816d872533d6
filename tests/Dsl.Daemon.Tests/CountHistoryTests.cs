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
        history.Clear();
        Assert.Null(history.Over(Count, _minute, _start));
    }

    private static Dictionary<string, long> Errors(long count) => new(StringComparer.Ordinal) { ["errors"] = count };

    private static long Count(IReadOnlyDictionary<string, long> counts) => counts["errors"];
}
