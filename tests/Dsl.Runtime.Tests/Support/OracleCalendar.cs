using System.Collections.Concurrent;

namespace Dsl.Runtime.Tests.Support;

/// <summary>
/// The oracle's own calendar, defined directly: a unit (day, week, month) starts at the first
/// instant whose local wall-clock time is at or after its first date's midnight (plus an offset),
/// found by walking local time minute by minute, and runs to the next unit's start. The unit
/// holding an instant is whichever around its local date spans it. Independent of the runtime's
/// DST handling.
/// </summary>
public static class OracleCalendar
{
    // A unit's start is found by a walk of some two thousand conversions; tests ask for the same few again and again.
    private static readonly ConcurrentDictionary<(DateOnly Date, long Offset, string Zone), long> Starts = new();

    public static DateOnly LocalDate(long time, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(time), zone).DateTime);

    /// <summary>
    /// The local wall-clock time <paramref name="offset"/> after the date's midnight, as an instant:
    /// the first instant whose local wall-clock time is at or after it, found by walking minute by
    /// minute and then narrowing within the minute (local time moves forward within a minute, but may
    /// step back by an hour between two, where a repeated time's first occurrence is the one found).
    /// </summary>
    public static long FirstInstantAtOrAfter(DateOnly date, long offset, TimeZoneInfo zone) =>
        Starts.GetOrAdd((date, offset, zone.Id), key => FindFirstInstantAtOrAfter(key.Date, key.Offset, zone));

    private static long FindFirstInstantAtOrAfter(DateOnly date, long offset, TimeZoneInfo zone)
    {
        DateTime target = date.ToDateTime(TimeOnly.MinValue).AddMilliseconds(offset);
        long t = new DateTimeOffset(target, TimeSpan.Zero).ToUnixTimeMilliseconds() - (30 * 3_600_000L);
        while (Local(t, zone) < target)
        {
            t += 60_000;
        }

        long lo = t - 60_000;
        long hi = t;
        while (hi - lo > 1)
        {
            long mid = lo + ((hi - lo) / 2);
            if (Local(mid, zone) >= target)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }

    /// <summary>
    /// The calendar unit with an offset containing the time: units start at their first date's local
    /// time <paramref name="offset"/> and run to the next one's start.
    /// </summary>
    public static (long Start, long End) WithOffset(long time, TimeZoneInfo zone, long offset, Func<DateOnly, DateOnly> firstDateOf, Func<DateOnly, DateOnly> nextFirstDate)
    {
        // The unit of the local date, or the one before or after it: whichever holds the time.
        DateOnly first = firstDateOf(firstDateOf(LocalDate(time, zone)).AddDays(-1));
        for (int i = 0; i < 3; i++)
        {
            DateOnly next = nextFirstDate(first);
            long start = FirstInstantAtOrAfter(first, offset, zone);
            long end = FirstInstantAtOrAfter(next, offset, zone);
            if (start <= time && time < end)
            {
                return (start, end);
            }

            first = next;
        }

        throw new InvalidOperationException("No calendar unit holds the time.");
    }

    private static DateTime Local(long time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(time), zone).DateTime;
}
