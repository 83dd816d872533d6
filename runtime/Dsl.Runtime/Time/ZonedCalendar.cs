namespace Dsl.Runtime.Time;

/// <summary>
/// Local calendar arithmetic that answers in UTC instants. A local midnight that does not exist
/// (a DST gap at midnight) starts the day at the first local time that does; an ambiguous one
/// (a fall-back at midnight) starts it at the earlier instant. So every day is [start, next start),
/// 23 or 25 hours long on DST days. An offset moves each start to that local time of the day
/// (<c>1d offset 6h</c>: 06:00 to 06:00), by the same rules when that time is skipped or repeated.
/// </summary>
public static class ZonedCalendar
{
    /// <summary>
    /// The first and last instants placed in the calendar, 0002-01-01T00:00:00Z and
    /// 9998-12-31T23:59:59.999Z: the local day, week and month around each, and the ones before
    /// and after, still exist. Records carry times in this range (<c>RecordTime</c>).
    /// </summary>
    public const long Earliest = -62_104_060_800_000;

    public const long Latest = 253_370_764_799_999;

    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The UTC instant (epoch ms) at which the local date begins in the zone.</summary>
    public static long StartOfDay(DateOnly date, TimeZoneInfo zone) => StartAt(date, 0, zone);

    /// <summary>
    /// The UTC instant (epoch ms) of the local wall-clock time <paramref name="offsetMs"/> after the
    /// local date's midnight: the first local time that exists at or after it, at its first occurrence.
    /// </summary>
    public static long StartAt(DateOnly date, long offsetMs, TimeZoneInfo zone)
    {
        var local = new DateTime(date, TimeOnly.MinValue, DateTimeKind.Unspecified).AddMilliseconds(offsetMs);
        if (zone.IsInvalidTime(local))
        {
            // Gaps begin and end on whole minutes in every zone; walk to the first local time that
            // exists (from a time within the minute, to the next whole minute first).
            local = local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute));
            do
            {
                local = local.AddMinutes(1);
            }
            while (zone.IsInvalidTime(local));
        }

        TimeSpan offset = zone.IsAmbiguousTime(local) ? MaxOffset(zone.GetAmbiguousTimeOffsets(local)) : zone.GetUtcOffset(local);
        return (long)(local - offset - Epoch).TotalMilliseconds;
    }

    /// <summary>The local date that contains the instant.</summary>
    public static DateOnly LocalDate(long time, TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(time, zone));

    /// <summary>The local wall-clock time of an instant.</summary>
    public static DateTime ToLocal(long time, TimeZoneInfo zone)
    {
        DateTime utc = Epoch.AddMilliseconds(time);
        return ReferenceEquals(zone, TimeZoneInfo.Utc) ? utc : TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
    }

    /// <summary>The local calendar day, week (Monday first) or month containing the instant, each starting <paramref name="offsetMs"/> of local time after its midnight.</summary>
    public static TimeWindow Containing(long time, CalendarUnit unit, TimeZoneInfo zone, long offsetMs = 0)
    {
        DateOnly first = FirstDateOf(LocalDate(time, zone), unit);
        long start = StartAt(first, offsetMs, zone);
        if (time < start)
        {
            // Before the unit's start on its local date: an offset not reached yet that day, or a
            // midnight in a gap. The instant belongs to the previous unit, which ends where this starts.
            return new TimeWindow(StartAt(FirstDateOf(first.AddDays(-1), unit), offsetMs, zone), start);
        }

        return new TimeWindow(start, StartAt(NextFirstDate(first, unit), offsetMs, zone));
    }

    private static DateOnly FirstDateOf(DateOnly date, CalendarUnit unit) => unit switch
    {
        CalendarUnit.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        CalendarUnit.Month => new DateOnly(date.Year, date.Month, 1),
        _ => date,
    };

    private static DateOnly NextFirstDate(DateOnly first, CalendarUnit unit) => unit switch
    {
        CalendarUnit.Week => first.AddDays(7),
        CalendarUnit.Month => first.AddMonths(1),
        _ => first.AddDays(1),
    };

    private static TimeSpan MaxOffset(TimeSpan[] offsets)
    {
        TimeSpan max = offsets[0];
        foreach (TimeSpan offset in offsets)
        {
            if (offset > max)
            {
                max = offset;
            }
        }

        return max;
    }
}
