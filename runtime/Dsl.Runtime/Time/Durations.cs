namespace Dsl.Runtime.Time;

/// <summary>Millisecond constants and integer helpers for event time.</summary>
public static class Durations
{
    public const long Second = 1000;
    public const long Minute = 60 * Second;
    public const long Hour = 60 * Minute;
    public const long Day = 24 * Hour;
    public const long Week = 7 * Day;

    /// <summary>Division rounding toward negative infinity, so times before 1970 align like later ones.</summary>
    public static long FloorDiv(long value, long divisor)
    {
        long q = value / divisor;
        return (value % divisor != 0 && ((value < 0) != (divisor < 0))) ? q - 1 : q;
    }

    /// <summary>Milliseconds to hours, for energy and rates.</summary>
    public static double ToHours(long milliseconds) => milliseconds / (double)Hour;
}
