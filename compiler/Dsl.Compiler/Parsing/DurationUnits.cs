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
        string digits = text[number.Start..number.End], written = text[word.Start..word.End];
        var unit = IsUnit(written) ? written : UnitForWord(written);
        if (unit is null)
            return null;
        var sentence = unit == written ? " A duration is written without a space: " : " A duration is written with a short unit and no space: ";
        return new Hint($"{sentence}{digits}{unit}.", TextReplacement.OfWords(text, digits + unit, number, word));
    }

    /// <summary>
    /// For a duration run into a unit spelt out (<c>10min</c>, <c>1hour</c>): " Did you mean "10m"?",
    /// which a quick fix puts in place. Empty for any other malformed literal.
    /// </summary>
    public static string RunIntoWordHint(string literal)
    {
        var digits = 0;
        while (digits < literal.Length && char.IsAsciiDigit(literal[digits]))
            digits++;
        return digits > 0 && literal[digits..] is { Length: > 0 } word && word.All(char.IsAsciiLetter) && UnitForWord(word) is { } unit
            ? $" Did you mean \"{literal[..digits]}{unit}\"?"
            : "";
    }
}
