namespace Dsl.Runtime.Tests.Support;

/// <summary>
/// The oracle's own calendar, defined directly: a local day is the set of instants whose local
/// date (TimeZoneInfo.ConvertTime) is that date, so its start is the first such instant, found by
/// binary search. Independent of the runtime's DST handling.
/// </summary>
public static class OracleCalendar
{
    public static DateOnly LocalDate(long time, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(time), zone).DateTime);

    /// <summary>The first instant whose local date is on or after the date.</summary>
    public static long FirstInstantOf(DateOnly date, TimeZoneInfo zone)
    {
        long guess = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        long lo = guess - (30 * 3_600_000L);
        long hi = guess + (30 * 3_600_000L);
        while (hi - lo > 1)
        {
            long mid = lo + ((hi - lo) / 2);
            if (LocalDate(mid, zone) >= date)
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

    public static (long Start, long End) Day(long time, TimeZoneInfo zone)
    {
        DateOnly date = LocalDate(time, zone);
        return (FirstInstantOf(date, zone), FirstInstantOf(date.AddDays(1), zone));
    }

    public static (long Start, long End) Week(long time, TimeZoneInfo zone)
    {
        DateOnly date = LocalDate(time, zone);
        while (date.DayOfWeek != DayOfWeek.Monday)
        {
            date = date.AddDays(-1);
        }

        return (FirstInstantOf(date, zone), FirstInstantOf(date.AddDays(7), zone));
    }

    public static (long Start, long End) Month(long time, TimeZoneInfo zone)
    {
        DateOnly date = LocalDate(time, zone);
        var first = new DateOnly(date.Year, date.Month, 1);
        return (FirstInstantOf(first, zone), FirstInstantOf(first.AddMonths(1), zone));
    }
}
