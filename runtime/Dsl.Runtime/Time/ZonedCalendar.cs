namespace Dsl.Runtime.Time;

/// <summary>
/// Local calendar arithmetic that answers in UTC instants. A local midnight that does not exist
/// (a DST gap at midnight) starts the day at the first local time that does; an ambiguous one
/// (a fall-back at midnight) starts it at the earlier instant. So every day is [start, next start),
/// 23 or 25 hours long on DST days, and an instant belongs to the day whose span holds it, which
/// in a repeated hour around midnight is not always the day of its local date. An offset moves
/// each start to that local time of the day (<c>1d offset 6h</c>: 06:00 to 06:00), by the same
/// rules when that time is skipped or repeated.
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

    private const long Hour = 3_600_000;

    // Zones' offsets lie within ±14 hours, so a wall time is read within this of the same digits in UTC.
    private const long SearchReach = 15 * Hour;

    /// <summary>The UTC instant (epoch ms) at which the local date begins in the zone.</summary>
    public static long StartOfDay(DateOnly date, TimeZoneInfo zone) => StartAt(date, 0, zone);

    /// <summary>
    /// The UTC instant (epoch ms) of the local wall-clock time <paramref name="offsetMs"/> after the
    /// local date's midnight: the first local time that exists at or after it, at its first occurrence.
    /// </summary>
    /// <remarks>
    /// Found only by converting UTC instants to local time. .NET's conversions the other way
    /// (<c>IsInvalidTime</c>, <c>GetUtcOffset</c> of a local time) misplace gaps and repeated hours on
    /// some days (Samoa's skipped 30 December 2011, Adak's DST starts of the 1970s;
    /// dotnet/runtime#96269), where they put a day's start at an instant of another local time.
    /// </remarks>
    public static long StartAt(DateOnly date, long offsetMs, TimeZoneInfo zone)
    {
        long wall = (long)(new DateTime(date, TimeOnly.MinValue, DateTimeKind.Utc) - Epoch).TotalMilliseconds + offsetMs;
        if (ReferenceEquals(zone, TimeZoneInfo.Utc))
        {
            return wall;
        }

        // Every offset in effect within the reach of any zone's offset, sampled each hour (no zone
        // has kept an offset for less), and each change between two samples.
        long previousSample = wall - SearchReach;
        var offsets = new ZoneOffsets(zone);
        TimeSpan previous = offsets.At(previousSample);
        long best = WallTimeAt(wall, previous, offsets);
        for (long sample = previousSample + Hour; sample <= wall + SearchReach; sample += Hour)
        {
            TimeSpan offset = offsets.At(sample);
            if (offset != previous)
            {
                best = Math.Min(best, WallTimeAt(wall, offset, offsets));

                // Local time jumps forward at the change: a wall time it skips starts at the change.
                long change = FirstInstantWithOffset(previousSample, sample, offset, offsets);
                long before = change + (long)previous.TotalMilliseconds;
                long after = change + (long)offset.TotalMilliseconds;
                if (before <= wall && wall < after)
                {
                    best = Math.Min(best, change);
                }
            }

            previous = offset;
            previousSample = sample;
        }

        return best;
    }

    /// <summary>The local date that contains the instant.</summary>
    public static DateOnly LocalDate(long time, TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(time, zone));

    /// <summary>The local wall-clock time of an instant.</summary>
    public static DateTime ToLocal(long time, TimeZoneInfo zone)
    {
        DateTime utc = Epoch.AddMilliseconds(time);
        if (ReferenceEquals(zone, TimeZoneInfo.Utc))
        {
            return utc;
        }

        return ZoneFooterRules.For(zone) is { } footer && time > footer.After
            ? DateTime.SpecifyKind(utc + footer.Rule.OffsetAt(time), DateTimeKind.Unspecified)
            : TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
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

        DateOnly next = NextFirstDate(first, unit);
        long end = StartAt(next, offsetMs, zone);
        if (time >= end)
        {
            // At or after the next unit's start on this unit's last local date: the second pass of
            // a repeated hour that spans the start (Goose Bay's fall-back at 00:01 repeats 23:01 to
            // 00:01), which begins the next unit at its first occurrence.
            return new TimeWindow(end, StartAt(NextFirstDate(next, unit), offsetMs, zone));
        }

        return new TimeWindow(start, end);
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

    /// <summary>The instant at which the wall time reads under the offset, if the zone has that offset there.</summary>
    private static long WallTimeAt(long wall, TimeSpan offset, ZoneOffsets offsets)
    {
        long instant = wall - (long)offset.TotalMilliseconds;
        return offsets.At(instant) == offset ? instant : long.MaxValue;
    }

    /// <summary>The first instant in (from, to] with the offset the zone has at <paramref name="to"/>.</summary>
    private static long FirstInstantWithOffset(long from, long to, TimeSpan offset, ZoneOffsets offsets)
    {
        while (to - from > 1)
        {
            long middle = from + ((to - from) / 2);
            if (offsets.At(middle) == offset)
            {
                to = middle;
            }
            else
            {
                from = middle;
            }
        }

        return to;
    }

    /// <summary>
    /// A zone's offset at instants, with the rule that replaces .NET's for its later years
    /// (<see cref="ZoneFooterRules"/>) looked up once per calculation, not at each of its dozens of samples.
    /// </summary>
    private readonly struct ZoneOffsets(TimeZoneInfo zone)
    {
        private readonly FooterRule? _footer = ZoneFooterRules.For(zone);

        public TimeSpan At(long time) =>
            _footer is { } footer && time > footer.After ? footer.Rule.OffsetAt(time) : zone.GetUtcOffset(Epoch.AddMilliseconds(time));
    }
}
