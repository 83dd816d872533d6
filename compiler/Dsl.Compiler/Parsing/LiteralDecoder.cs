using System.Globalization;
using System.Text;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// Turns literal token texts into values. The lexer only finds where a literal ends; what
/// is wrong inside it (a bad escape, a number too large) is decided here, once, so the
/// token pass can report it and the syntax-tree builder can take the value.
/// </summary>
internal static class LiteralDecoder
{
    /// <summary>
    /// The value of a string token whose text starts at <paramref name="start"/> (quotes
    /// included; an unterminated one has no closing quote). Each invalid escape is passed to
    /// <paramref name="invalidEscape"/> with what is wrong with it (an unknown or incomplete
    /// escape, or half a surrogate pair) and its span, and kept as written.
    /// </summary>
    public static string DecodeString(string text, int start, bool terminated, Action<DiagnosticDescriptor, TextSpan, string>? invalidEscape = null)
    {
        var end = terminated ? text.Length - 1 : text.Length;
        var builder = new StringBuilder(end);
        for (var i = 1; i < end; i++)
        {
            var c = text[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (i + 1 >= end)
            {
                invalidEscape?.Invoke(DiagnosticDescriptors.InvalidEscape, new TextSpan(start + i, 1), "\\");
                builder.Append(c);
                continue;
            }

            var next = text[i + 1];
            switch (next)
            {
                case '"':
                case '\\':
                    builder.Append(next);
                    i++;
                    break;
                case 'n':
                    builder.Append('\n');
                    i++;
                    break;
                case 't':
                    builder.Append('\t');
                    i++;
                    break;
                case 'u':
                    var digits = 0;
                    while (digits < 4 && i + 2 + digits < end && Uri.IsHexDigit(text[i + 2 + digits]))
                        digits++;
                    if (digits < 4)
                    {
                        invalidEscape?.Invoke(DiagnosticDescriptors.InvalidEscape, new TextSpan(start + i, 2 + digits), text.Substring(i, 2 + digits));
                        builder.Append(text, i, 2 + digits);
                        i += 1 + digits;
                        break;
                    }
                    var unit = CodeUnitAt(text, i, end);
                    if (char.IsHighSurrogate(unit) && CodeUnitAt(text, i + 6, end) is var low && char.IsLowSurrogate(low))
                    {
                        // A character beyond U+FFFF, written as its UTF-16 pair: \uD83D\uDE00.
                        builder.Append(unit).Append(low);
                        i += 11;
                    }
                    else if (char.IsSurrogate(unit))
                    {
                        // Half a pair is no character: written out, it would silently turn into U+FFFD.
                        invalidEscape?.Invoke(DiagnosticDescriptors.UnpairedSurrogateEscape, new TextSpan(start + i, 6), text.Substring(i, 6));
                        builder.Append(text, i, 6);
                        i += 5;
                    }
                    else
                    {
                        builder.Append(unit);
                        i += 5;
                    }
                    break;
                default:
                    invalidEscape?.Invoke(DiagnosticDescriptors.InvalidEscape, new TextSpan(start + i, 2), text.Substring(i, 2));
                    builder.Append(c).Append(next);
                    i++;
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// The code unit of the <c>\u</c> escape (four hexadecimal digits) at <paramref name="index"/>, or '\0' when there is
    /// no complete one there.
    /// </summary>
    private static char CodeUnitAt(string text, int index, int end) =>
        index + 6 <= end && text[index] == '\\' && text[index + 1] == 'u'
        && ushort.TryParse(text.AsSpan(index + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit)
            ? (char)unit
            : '\0';

    /// <summary>A number as the lexer matched it (digits, optional fraction and exponent); false when it does not fit a double.</summary>
    public static bool TryParseNumber(string text, out double value, out bool isInteger)
    {
        isInteger = text.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
        return double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>
    /// The exact value of an integer literal (digits only), negated when a minus was written
    /// against it; false when it does not fit a long. Read apart from the double so that a long
    /// literal past 2^53 keeps its last digits.
    /// </summary>
    public static bool TryParseInteger(string digits, bool negative, out long value)
    {
        value = 0;
        if (!UInt128.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var magnitude))
            return false;
        var signed = negative ? -(Int128)magnitude : (Int128)magnitude;
        if (signed < long.MinValue || signed > long.MaxValue)
            return false;
        value = (long)signed;
        return true;
    }

    /// <summary>
    /// A duration as the lexer matched it (<c>500ms</c>, <c>1mo</c>); false when it is not an
    /// integer and a unit. An amount too large for a long is well-formed, only too long: it
    /// becomes <see cref="long.MaxValue"/>, which the binder reports as too long (DSL3056) like
    /// any duration over 100 years.
    /// </summary>
    public static bool TryParseDuration(string text, out long amount, out DurationUnit unit)
    {
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            digits++;
        unit = text.AsSpan(digits) switch
        {
            "ms" => DurationUnit.Milliseconds,
            "s" => DurationUnit.Seconds,
            "m" => DurationUnit.Minutes,
            "h" => DurationUnit.Hours,
            "d" => DurationUnit.Days,
            "w" => DurationUnit.Weeks,
            "mo" => DurationUnit.Months,
            _ => DurationUnit.Seconds,
        };
        if (digits == 0 || digits == text.Length)
        {
            amount = 0;
            return false;
        }
        if (!long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out amount))
            amount = long.MaxValue;
        return true;
    }

    /// <summary><c>HH:MM</c> as written; the binder checks the ranges.</summary>
    public static (int Hour, int Minute) ParseTimeOfDay(string text)
    {
        var colon = text.IndexOf(':');
        return (int.Parse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture),
                int.Parse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Whether a malformed number was meant as a duration: digits (maybe with a fraction)
    /// followed by letters that start like a unit, as in <c>5min</c>, <c>1.5h</c>, <c>3days</c>.
    /// </summary>
    public static bool LooksLikeDuration(string text)
    {
        var i = 0;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            i++;
        if (i == text.Length || text[i] is not ('m' or 's' or 'h' or 'd' or 'w'))
            return false;
        for (var j = i; j < text.Length; j++)
        {
            if (!char.IsAsciiLetter(text[j]))
                return false;
        }
        return true;
    }
}
