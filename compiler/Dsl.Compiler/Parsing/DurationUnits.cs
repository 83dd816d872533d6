using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// The units a duration is written with (<c>10m</c>), and the words for them that people write
/// instead (<c>10 min</c>, <c>1 hour</c>), so that a hint can say how the duration is written.
/// </summary>
internal static class DurationUnits
{
    /// <summary>A unit of the language, as the lexer reads it after a duration's digits.</summary>
    public static bool IsUnit(string word) => word is "ms" or "s" or "m" or "h" or "d" or "w" or "mo";

    /// <summary>
    /// The language's unit for a word that names one in full or in another short form
    /// (<c>minutes</c>, <c>min</c>, <c>Hours</c>); null for any other word. A word for a unit the
    /// language has none for (<c>year</c>) is null too: no duration is proposed that does not exist.
    /// A single letter is left out: <c>M</c> could mean minutes or months.
    /// </summary>
    public static string? UnitForWord(string word) => word.Length < 2 ? null : word.ToLowerInvariant() switch
    {
        "msec" or "msecs" or "millis" or "millisecond" or "milliseconds" => "ms",
        "sec" or "secs" or "second" or "seconds" => "s",
        "min" or "mins" or "minute" or "minutes" => "m",
        "hr" or "hrs" or "hour" or "hours" => "h",
        "day" or "days" => "d",
        "wk" or "wks" or "week" or "weeks" => "w",
        "month" or "months" => "mo",
        _ => null,
    };

    /// <summary>
    /// The sentence for a number and the word after it where a duration was expected (<c>10 m</c>,
    /// <c>10 min</c>): how the duration is written, and the edit that writes it so. Null when the
    /// word names no unit.
    /// </summary>
    public static Hint? SpacedDurationHint(string text, TextSpan number, TextSpan word)
    {
        string amount = text[number.Start..number.End], written = text[word.Start..word.End];
        var unit = IsUnit(written) ? written : UnitForWord(written);
        if (unit is null || Written(amount, unit) is not { } duration)
            return null;
        var sentence = amount.Contains('.') ? " A duration is a whole number of a unit, written with no space: "
            : unit == written ? " A duration is written without a space: "
            : " A duration is written with a short unit and no space: ";
        return new Hint($"{sentence}{duration}.", TextReplacement.OfWords(text, duration, number, word));
    }

    /// <summary>
    /// For a duration run into a unit spelt out (<c>10min</c>, <c>1hour</c>) or with a fraction
    /// (<c>1.5h</c>): " Did you mean "10m"?" (<c>90m</c>), which a quick fix puts in place. Empty
    /// for any other malformed literal.
    /// </summary>
    public static string RunIntoWordHint(string literal)
    {
        var end = 0;
        while (end < literal.Length && (char.IsAsciiDigit(literal[end]) || literal[end] == '.'))
            end++;
        return end > 0 && literal[end..] is { Length: > 0 } word && word.All(char.IsAsciiLetter)
            && (IsUnit(word) ? word : UnitForWord(word)) is { } unit && Written(literal[..end], unit) is { } duration
            ? $" Did you mean \"{duration}\"?"
            : "";
    }

    /// <summary>
    /// The longest duration the language takes, a hundred years of days: the runtime adds durations
    /// to times in epoch milliseconds, and this keeps every such sum far from overflowing (a lateness
    /// that wrapped would drop every record as late).
    /// </summary>
    public const long LongestMilliseconds = 36_500 * 86_400_000L;

    // The fixed units, longest first; a month has no fixed length (30 days for the limit only).
    private static readonly (string Unit, long Milliseconds)[] _fixedUnits =
        [("w", 604_800_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1)];

    /// <summary>
    /// An amount of a unit of the language as a duration is written: the digits and the unit
    /// (<c>10m</c>), or for an amount with a fraction (<c>1.5</c> h) the same length as a whole
    /// number of the longest unit that has one (<c>90m</c>). Null when that is no whole number of
    /// milliseconds, for a fraction of a month, and for a length the language does not take.
    /// </summary>
    private static string? Written(string amount, string unit)
    {
        if (!decimal.TryParse(amount, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value))
            return null;
        var unitMilliseconds = unit == "mo" ? 30 * 86_400_000L : _fixedUnits.First(u => u.Unit == unit).Milliseconds;
        if (value * unitMilliseconds > LongestMilliseconds)
            return null;
        if (amount.All(char.IsAsciiDigit))
            return amount + unit;
        var milliseconds = value * unitMilliseconds;
        if (unit == "mo" || milliseconds == 0 || milliseconds != decimal.Truncate(milliseconds))
            return null;
        var whole = (long)milliseconds;
        var (longest, length) = _fixedUnits.First(u => whole % u.Milliseconds == 0);
        return $"{whole / length}{longest}";
    }
}
