namespace Dsl.Runtime.Time;

/// <summary>
/// A partition of time into consecutive intervals: fixed sizes aligned to the Unix epoch in UTC
/// (<c>start = floor((t − offset)/size)·size + offset</c>), or calendar days, weeks (Monday) and
/// months in a zone. Tumbling windows, energy intervals and the merge <c>every</c> grid use it.
/// </summary>
public readonly record struct GridSpec(long SizeMs, long OffsetMs, CalendarUnit Calendar)
{
    public static GridSpec Fixed(long sizeMs, long offsetMs = 0) =>
        sizeMs > 0 ? new(sizeMs, offsetMs, CalendarUnit.None) : throw new ArgumentOutOfRangeException(nameof(sizeMs));

    /// <summary>Calendar days, weeks or months, each starting <paramref name="offsetMs"/> of local time after its midnight.</summary>
    public static GridSpec Calendric(CalendarUnit unit, long offsetMs = 0) => new(0, offsetMs, unit);

    public bool IsCalendar => Calendar != CalendarUnit.None;

    public TimeWindow Containing(long time, TimeZoneInfo zone)
    {
        if (IsCalendar)
        {
            return ZonedCalendar.Containing(time, Calendar, zone, OffsetMs);
        }

        long start = (Durations.FloorDiv(time - OffsetMs, SizeMs) * SizeMs) + OffsetMs;
        return new TimeWindow(start, start + SizeMs);
    }

    /// <summary>The interval right after the given one.</summary>
    public TimeWindow Next(TimeWindow window, TimeZoneInfo zone) =>
        IsCalendar ? ZonedCalendar.Containing(window.End, Calendar, zone, OffsetMs) : new TimeWindow(window.End, window.End + SizeMs);
}
