namespace Dsl.Runtime.Time;

/// <summary>
/// The language's time-of-evaluation functions, in a zone. <c>weekday()</c> is ISO 8601:
/// 1 = Monday … 7 = Sunday.
/// </summary>
public static class LocalTimeFunctions
{
    public static int Hour(long time, TimeZoneInfo zone) => ZonedCalendar.ToLocal(time, zone).Hour;

    public static int Minute(long time, TimeZoneInfo zone) => ZonedCalendar.ToLocal(time, zone).Minute;

    public static int Weekday(long time, TimeZoneInfo zone)
    {
        DayOfWeek day = ZonedCalendar.ToLocal(time, zone).DayOfWeek;
        return day == DayOfWeek.Sunday ? 7 : (int)day;
    }

    public static int Day(long time, TimeZoneInfo zone) => ZonedCalendar.ToLocal(time, zone).Day;

    public static int Month(long time, TimeZoneInfo zone) => ZonedCalendar.ToLocal(time, zone).Month;

    public static int Year(long time, TimeZoneInfo zone) => ZonedCalendar.ToLocal(time, zone).Year;
}
