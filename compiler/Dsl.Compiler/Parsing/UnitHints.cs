using System.Text.RegularExpressions;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// A unit copied from a data sheet (<c>ai Temp °C</c>, <c>ai Flow m3/h</c>, <c>ai Load %</c>) has
/// characters a name cannot have, so the language takes it only as a string. Neither the token
/// pass (an invalid character) nor the parser (an unexpected operator) knows that the word is a
/// unit; its line does: the word after a member's name (and type, and an attribute's default).
/// </summary>
internal static partial class UnitHints
{
    /// <summary>How to write the unit the character at <paramref name="position"/> is in, or null when it is in none.</summary>
    public static Hint? QuoteUnit(string text, int position)
    {
        // Lines end at \n, \r\n or a lone \r, as the language's lines do.
        var lineStart = position == 0 ? 0 : text.AsSpan(0, position).LastIndexOfAny('\n', '\r') + 1;
        var lineEnd = text.AsSpan(position).IndexOfAny('\n', '\r') is var length and >= 0 ? position + length : -1;
        var line = text[lineStart..(lineEnd < 0 ? text.Length : lineEnd)];
        var unit = MemberUnit().Match(line).Groups["unit"];
        var at = position - lineStart;
        return unit.Success && at >= unit.Index && at < unit.Index + unit.Length
            ? new Hint($" A unit with characters other than letters, digits and '_' is written as a string: \"{unit.Value}\".",
                new TextReplacement(new TextSpan(lineStart + unit.Index, unit.Length), $"\"{unit.Value}\""))
            : null;
    }

    // The member up to its unit: `ai Name`, `ai Name: type`, `attribute Name[: type][= default]`,
    // the name plain or quoted in backticks; the unit is the next word, up to a space, a quote or
    // a comment.
    [GeneratedRegex("""^\s*(?:(?:ai|di|pi|generic)\s+(?:\w+|`[^`]+`)(?:\s*:\s*\w+)?|attribute\s+(?:\w+|`[^`]+`)(?:\s*:\s*\w+)?(?:\s*=\s*[-+.\w]+)?)\s+(?<unit>(?:[^\s"`\\/]|/(?!/))+)""")]
    private static partial Regex MemberUnit();
}
