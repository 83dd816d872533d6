using System.Globalization;

namespace Dsl.Control.Wire;

/// <summary>The <c>grpc-timeout</c> header: at most 8 digits and a unit (H, M, S, m, u, n).</summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    /// <summary>Parses a header value; false when it is malformed.</summary>
    public static bool TryParse(string? text, out TimeSpan timeout)
    {
        timeout = default;
        if (text is null || text.Length < 2 || text.Length > 9)
        {
            return false;
        }

        var digits = text.AsSpan(0, text.Length - 1);
        foreach (char c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        long value = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        long ticks = text[^1] switch
        {
            'H' => value * TimeSpan.TicksPerHour,
            'M' => value * TimeSpan.TicksPerMinute,
            'S' => value * TimeSpan.TicksPerSecond,
            'm' => value * TimeSpan.TicksPerMillisecond,
            'u' => value * 10,
            'n' => value / 100,
            _ => -1,
        };
        if (ticks < 0)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Formats a timeout in the finest unit that fits 8 digits, rounding up so a deadline never shrinks.</summary>
    public static string Format(TimeSpan timeout)
    {
        long ticks = Math.Max(0, timeout.Ticks);
        long microseconds = CeilingDivide(ticks, 10);
        if (ticks % TimeSpan.TicksPerMillisecond != 0 && microseconds <= MaxValue)
        {
            return Text(microseconds, 'u');
        }

        long milliseconds = CeilingDivide(ticks, TimeSpan.TicksPerMillisecond);
        if (milliseconds <= MaxValue)
        {
            return Text(milliseconds, 'm');
        }

        long seconds = CeilingDivide(ticks, TimeSpan.TicksPerSecond);
        if (seconds <= MaxValue)
        {
            return Text(seconds, 'S');
        }

        long minutes = CeilingDivide(ticks, TimeSpan.TicksPerMinute);
        if (minutes <= MaxValue)
        {
            return Text(minutes, 'M');
        }

        return Text(Math.Min(MaxValue, CeilingDivide(ticks, TimeSpan.TicksPerHour)), 'H');
    }

    private static long CeilingDivide(long value, long divisor) => (value + divisor - 1) / divisor;

    private static string Text(long value, char unit) => value.ToString(CultureInfo.InvariantCulture) + unit;
}
