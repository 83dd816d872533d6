using System.Globalization;

namespace Dsl.Runtime.Time;

/// <summary>
/// A POSIX TZ string with the extensions of RFC 8536 (section 3.3), such as the footer of a tz
/// file, <c>&lt;-04&gt;4&lt;-03&gt;,M9.1.6/24,M4.1.6/24</c>: a standard offset and, optionally, a
/// daylight offset with the two yearly rules that switch between them. A rule's time of day may
/// lie anywhere from −167 to 167 hours (Chile switches at 24:00 on a Saturday, that is at midnight
/// into Sunday), which is what this type is for: .NET's zones cannot express such a time, and put
/// the change a day early or late.
/// </summary>
public sealed class PosixZoneRule
{
    private const long SecondsPerDay = 86_400;

    // 0001-01-01T00:00:00 and 9999-12-31T23:59:59, in seconds from the epoch: what DateTime holds.
    private const long FirstSecond = -62_135_596_800;
    private const long LastSecond = 253_402_300_799;

    private readonly long _standard;
    private readonly long _daylight;
    private readonly DateRule _start;
    private readonly DateRule _end;

    private PosixZoneRule(long standard, long daylight, DateRule start, DateRule end)
    {
        _standard = standard;
        _daylight = daylight;
        _start = start;
        _end = end;
    }

    /// <summary>Whether a rule switches at a time before 00:00 or from 24:00 on: the rules .NET misplaces.</summary>
    public bool SwitchesOutsideTheDay => _start.Seconds is < 0 or >= SecondsPerDay || _end.Seconds is < 0 or >= SecondsPerDay;

    /// <summary>The rule of a TZ string with daylight time, or null for one without (or one this does not read).</summary>
    public static PosixZoneRule? Parse(string text)
    {
        var reader = new Reader(text);
        if (!reader.Name() || reader.Offset() is not { } standardWest || !reader.Name())
        {
            return null;
        }

        long standard = -standardWest;
        long daylight = standard + 3600;
        if (reader.Peek() is not (',' or '\0') && reader.Offset() is { } daylightWest)
        {
            daylight = -daylightWest;
        }

        // POSIX leaves a missing rule to the implementation; tz files always give both.
        if (!reader.Take(',') || reader.Date() is not { } start || !reader.Take(',') || reader.Date() is not { } end || !reader.AtEnd)
        {
            return null;
        }

        return new PosixZoneRule(standard, daylight, start, end);
    }

    /// <summary>The offset from UTC at the instant (epoch milliseconds).</summary>
    public TimeSpan OffsetAt(long time)
    {
        long second = Math.DivRem(time, 1000, out long rest) - (rest < 0 ? 1 : 0);
        int year = DateTime.UnixEpoch.AddSeconds(Math.Clamp(second + _standard, FirstSecond, LastSecond)).Year;

        // The latest switch at or before the instant, among those of the years around it: a rule's
        // time may carry its switch into the next or the previous year. At equal instants the later
        // year's switch wins, so that a rule of all-year daylight time (J365/25 ending the year as
        // 0/0 starts the next) keeps daylight time.
        long latest = long.MinValue;
        long offset = _standard;
        for (int y = Math.Max(year - 1, 1); y <= Math.Min(year + 1, 9999); y++)
        {
            Consider(_start.LocalSecond(y) - _standard, _daylight);
            Consider(_end.LocalSecond(y) - _daylight, _standard);
        }

        return TimeSpan.FromSeconds(offset);

        void Consider(long switchAt, long after)
        {
            if (switchAt <= second && switchAt >= latest)
            {
                latest = switchAt;
                offset = after;
            }
        }
    }

    /// <summary>A yearly date and the local time of day (in seconds, possibly beyond the day) at which a rule switches.</summary>
    private readonly record struct DateRule(char Kind, int Month, int Week, int Day, long Seconds)
    {
        /// <summary>The switch in local seconds since the epoch, by the time in effect before it.</summary>
        public long LocalSecond(int year)
        {
            DateOnly date = Kind switch
            {
                // Jn: 1 to 365, February 29 never counted.
                'J' => new DateOnly(year, 1, 1).AddDays(Day - 1 + (DateTime.IsLeapYear(year) && Day >= 60 ? 1 : 0)),
                // n: 0 to 365, February 29 counted.
                'n' => new DateOnly(year, 1, 1).AddDays(Day),
                _ => NthWeekday(year),
            };
            return (date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber) * SecondsPerDay + Seconds;
        }

        // Mm.w.d: the w-th weekday d (0 Sunday) of month m; week 5 is the last.
        private DateOnly NthWeekday(int year)
        {
            var first = new DateOnly(year, Month, 1);
            int day = 1 + ((Day - (int)first.DayOfWeek + 7) % 7) + ((Week - 1) * 7);
            int days = DateTime.DaysInMonth(year, Month);
            while (day > days)
            {
                day -= 7;
            }

            return new DateOnly(year, Month, day);
        }
    }

    /// <summary>Reads a TZ string from left to right; each part answers null or false when it is not there or malformed.</summary>
    private ref struct Reader(string text)
    {
        private int _at;

        public readonly bool AtEnd => _at == text.Length;

        public readonly char Peek() => _at < text.Length ? text[_at] : '\0';

        public bool Take(char c)
        {
            if (Peek() != c)
            {
                return false;
            }

            _at++;
            return true;
        }

        /// <summary>A zone abbreviation: three or more letters, or anything but '>' between '&lt;' and '>'.</summary>
        public bool Name()
        {
            int start = _at;
            if (Take('<'))
            {
                int close = text.IndexOf('>', _at);
                if (close < 0)
                {
                    return false;
                }

                _at = close + 1;
                return close - start > 1;
            }

            while (char.IsAsciiLetter(Peek()))
            {
                _at++;
            }

            return _at - start >= 3;
        }

        /// <summary>An offset west of Greenwich, [+-]hh[:mm[:ss]], in seconds.</summary>
        public long? Offset() => Time(maxHours: 24);

        /// <summary>A date rule and its optional /time (02:00 by default).</summary>
        public DateRule? Date()
        {
            char kind = Take('J') ? 'J' : Take('M') ? 'M' : 'n';
            DateRule rule;
            if (kind == 'M')
            {
                if (Number() is not { } month || month is < 1 or > 12 || !Take('.')
                    || Number() is not { } week || week is < 1 or > 5 || !Take('.')
                    || Number() is not { } day || day > 6)
                {
                    return null;
                }

                rule = new DateRule(kind, month, week, day, 7200);
            }
            else if (Number() is { } day && (kind == 'J' ? day is >= 1 and <= 365 : day is >= 0 and <= 365))
            {
                rule = new DateRule(kind, 0, 0, day, 7200);
            }
            else
            {
                return null;
            }

            if (Take('/'))
            {
                if (Time(maxHours: 167) is not { } seconds)
                {
                    return null;
                }

                rule = rule with { Seconds = seconds };
            }

            return rule;
        }

        private long? Time(int maxHours)
        {
            int sign = Take('-') ? -1 : 1;
            if (sign > 0)
            {
                Take('+');
            }

            if (Number() is not { } hours || hours > maxHours)
            {
                return null;
            }

            long seconds = hours * 3600L;
            for (int unit = 60; unit >= 1 && Take(':'); unit /= 60)
            {
                if (Number() is not { } part || part > 59)
                {
                    return null;
                }

                seconds += part * unit;
            }

            return sign * seconds;
        }

        private int? Number()
        {
            int start = _at;
            while (char.IsAsciiDigit(Peek()) && _at - start < 3)
            {
                _at++;
            }

            return _at > start ? int.Parse(text.AsSpan(start, _at - start), CultureInfo.InvariantCulture) : null;
        }
    }
}
