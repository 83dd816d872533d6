using System.Globalization;

namespace Dsl.Runtime.Time;

/// <summary>
/// A five-field cron expression (minute hour day-of-month month day-of-week) with <c>*</c>,
/// numbers, ranges <c>a-b</c>, lists <c>a,b</c> and steps <c>*/n</c>, <c>a-b/n</c>; day-of-week 0–7
/// with 0 and 7 for Sunday. As in cron, when both day fields are restricted either may match.
/// The compiler checks a job's expression with <see cref="TryParse"/>; the daemon computes its times.
/// </summary>
public sealed class CronExpression
{
    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _days;
    private readonly bool[] _months;
    private readonly bool[] _weekdays;
    private readonly bool _anyDay;
    private readonly bool _anyWeekday;

    private CronExpression(string[] fields)
    {
        _minutes = Parse(fields[0], 0, 59, "a minute");
        _hours = Parse(fields[1], 0, 23, "an hour");
        _days = Parse(fields[2], 1, 31, "a day of the month");
        _months = Parse(fields[3], 1, 12, "a month");
        _weekdays = Parse(fields[4], 0, 7, "a day of the week");
        _weekdays[0] |= _weekdays[7];
        _anyDay = fields[2] == "*";
        _anyWeekday = fields[4] == "*";

        // With the day of the week open, the day of the month alone decides, and a day no month it
        // allows has (the 30th of February) would never come: Next would find no time.
        if (!_anyDay && _anyWeekday && !Enumerable.Range(1, 12).Any(month => _months[month] && Enumerable.Range(1, LongestMonth(month)).Any(day => _days[day])))
        {
            throw new FormatException("it never runs: none of the months it allows has a day of the month it allows (February has at most 29 days; April, June, September and November 30)");
        }
    }

    private static int LongestMonth(int month) => month switch
    {
        2 => 29,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Parses an expression.</summary>
    /// <exception cref="FormatException">It is not five valid fields.</exception>
    public static CronExpression Parse(string text)
    {
        string[] fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new FormatException($"it has {fields.Length} field{(fields.Length == 1 ? "" : "s")}, not 5");
        }

        return new CronExpression(fields);
    }

    /// <summary>Whether <paramref name="text"/> is a valid expression; if not, what is wrong with it.</summary>
    public static bool TryParse(string text, out string? problem)
    {
        try
        {
            Parse(text);
            problem = null;
            return true;
        }
        catch (FormatException e)
        {
            problem = e.Message;
            return false;
        }
    }

    /// <summary>The first minute strictly after <paramref name="after"/> (UTC) that matches.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        DateTime time = after.UtcDateTime;
        time = new DateTime(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        DateTime limit = time.AddYears(5);
        while (time < limit)
        {
            if (!_months[time.Month] || !DayMatches(time))
            {
                time = time.Date.AddDays(1);
                continue;
            }

            if (!_hours[time.Hour])
            {
                time = new DateTime(time.Year, time.Month, time.Day, time.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
                continue;
            }

            if (_minutes[time.Minute])
            {
                return new DateTimeOffset(time);
            }

            time = time.AddMinutes(1);
        }

        return DateTimeOffset.MaxValue;
    }

    private bool DayMatches(DateTime time)
    {
        bool day = _days[time.Day];
        bool weekday = _weekdays[(int)time.DayOfWeek];
        return (_anyDay, _anyWeekday) switch
        {
            (true, true) => true,
            (true, false) => weekday,
            (false, true) => day,
            _ => day || weekday,
        };
    }

    private static bool[] Parse(string field, int min, int max, string name)
    {
        var set = new bool[max + 1];
        string[] parts = field.Split(',');
        if (parts.Any(part => part.Length == 0))
        {
            throw Malformed(field, name);
        }

        foreach (string part in parts)
        {
            // Each piece must be present and used: "1-", "-2", "1-2-3" and "5/2/3" are malformed,
            // not read as their first parts.
            string[] step = part.Split('/');
            if (step.Length > 2)
            {
                throw Malformed(part, name);
            }

            int every = step.Length == 2 ? Number(step[1], 1, max, "a step for the " + name[(name.IndexOf(' ') + 1)..]) : 1;
            string[] range = step[0].Split('-');
            if (range.Length > 2 || range.Any(bound => bound.Length == 0))
            {
                throw Malformed(part, name);
            }

            (int from, int to) = range switch
            {
                ["*"] => (min, max),
                [var first, var last] => (Number(first, min, max, name), Number(last, min, max, name)),
                [var single] => (Number(single, min, max, name), step.Length == 2 ? max : Number(single, min, max, name)),
                _ => throw Malformed(part, name),
            };
            if (from > to)
            {
                throw Malformed(part, name);
            }

            for (int value = from; value <= to; value += every)
            {
                set[value] = true;
            }
        }

        return set;
    }

    private static FormatException Malformed(string part, string name) =>
        new($"'{part}' is not {name} (a number, *, a range a-b, a list a,b or a step /n)");

    private static int Number(string text, int min, int max, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new FormatException($"'{text}' is not {name} from {min} to {max}");
}
