namespace Dsl.LanguageServer.Language;

/// <summary>The durations the compiler takes, as completion proposes them (digits and a unit).</summary>
public static class DurationRules
{
    public static bool Accepts(DurationKind kind, string digits, string unit)
    {
        var zero = digits.All(c => c == '0');
        var calendarUnit = unit is "d" or "w" or "mo";
        return kind switch
        {
            // A month varies, so only a period that follows the calendar takes it; and there the
            // calendar lengths are exactly 1d, 1w and 1mo (2d is a fixed length, which such a period is not).
            DurationKind.CalendarPeriod => !zero && (!calendarUnit || digits.TrimStart('0') == "1"),
            DurationKind.HoppingLength => !zero && !calendarUnit,
            DurationKind.FixedOrZero => unit != "mo",
            _ => !zero && unit != "mo",
        };
    }
}
