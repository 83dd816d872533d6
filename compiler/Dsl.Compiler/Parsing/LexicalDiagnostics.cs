using System.Globalization;
using Antlr4.Runtime;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Text;
using Dsl.Grammar;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// Reports what is wrong inside single tokens: characters that start no token, unclosed
/// strings, comments and quoted names, bad escapes, malformed numbers and durations. The
/// grammar accepts the malformed literals where a literal is expected, so the parser does
/// not report them a second time.
/// </summary>
internal static class LexicalDiagnostics
{
    public static void Report(IList<IToken> tokens, string text, SyntaxDiagnosticCollector diagnostics)
    {
        IToken? previous = null;
        foreach (var token in tokens)
        {
            if (token.Type == TokenConstants.EOF)
                break;
            var before = previous;
            if (token.Channel == TokenConstants.DefaultChannel)
                previous = token;
            if (!MayBeWrong(token.Type))
                continue;
            var span = SpanOf(token);
            if (!diagnostics.Accepts(span.Start))
                continue;
            switch (token.Type)
            {
                case StreamLexer.ERROR_CHARACTERS:
                    diagnostics.Report(DiagnosticDescriptors.InvalidCharacter, new TextSpan(span.Start, CharacterLength(text, span.Start)), DescribeCharacter(text, span.Start),
                        text[span.Start] == ReplacementCharacter ? NotUtf8Hint : UnitHints.QuoteUnit(text, span.Start) ?? BacktickHint(text, span.Start));
                    break;
                case StreamLexer.UNTERMINATED_STRING:
                    diagnostics.Report(DiagnosticDescriptors.UnterminatedString, span);
                    ReportEscapes(text.Substring(span.Start, span.Length), span.Start, terminated: false, diagnostics);
                    ReportBytesNotUtf8(text, span, diagnostics);
                    break;
                case StreamLexer.STRING:
                    ReportEscapes(text.Substring(span.Start, span.Length), span.Start, terminated: true, diagnostics);
                    ReportBytesNotUtf8(text, span, diagnostics);
                    break;
                case StreamLexer.UNTERMINATED_BLOCK_COMMENT:
                    // The comment runs to the end of the file; point at where it opens.
                    diagnostics.Report(DiagnosticDescriptors.UnterminatedComment, new TextSpan(span.Start, 2));
                    break;
                case StreamLexer.QUOTED_IDENTIFIER when span.Length == 2:
                    diagnostics.Report(DiagnosticDescriptors.EmptyQuotedName, span);
                    break;
                case StreamLexer.QUOTED_IDENTIFIER:
                    ReportBytesNotUtf8(text, span, diagnostics);
                    break;
                case StreamLexer.UNTERMINATED_QUOTED_IDENTIFIER:
                    diagnostics.Report(DiagnosticDescriptors.UnterminatedQuotedName, span);
                    ReportBytesNotUtf8(text, span, diagnostics);
                    break;
                case StreamLexer.MALFORMED_NUMBER:
                    var malformed = text.Substring(span.Start, span.Length);
                    if (LiteralDecoder.LooksLikeDuration(malformed))
                        diagnostics.Report(DiagnosticDescriptors.InvalidDuration, span, Quote(malformed), DurationUnits.RunIntoWordHint(malformed));
                    else
                        diagnostics.Report(DiagnosticDescriptors.InvalidNumber, span, Quote(malformed),
                            (before?.Type == StreamLexer.AT ? TwelveHourTimeHint(malformed, span) : null)
                            ?? MalformedNumberHint(malformed, span, negated: span.Start > 0 && text[span.Start - 1] == '-'));
                    break;
                case StreamLexer.NUMBER:
                    var number = text.Substring(span.Start, span.Length);
                    if (!LiteralDecoder.TryParseNumber(number, out _, out _))
                        // A well-formed number that does not parse is out of range.
                        diagnostics.Report(DiagnosticDescriptors.InvalidNumber, span, Quote(number), " It is beyond the largest number, about 1.8e308.");
                    break;
                case StreamLexer.DURATION:
                    var duration = text.Substring(span.Start, span.Length);
                    if (!LiteralDecoder.TryParseDuration(duration, out _, out _))
                        diagnostics.Report(DiagnosticDescriptors.InvalidDuration, span, Quote(duration), "");
                    break;
            }
        }
    }

    /// <summary>
    /// The way to write what a malformed number at <paramref name="span"/> most likely meant, or empty;
    /// <paramref name="negated"/> when a '-' is right before it (the lexer reads the sign as an operator).
    /// </summary>
    private static Hint MalformedNumberHint(string malformed, TextSpan span, bool negated) =>
        HexadecimalHint(malformed, span) ?? RangeHint(malformed, span, negated) ?? "";

    /// <summary>
    /// An hour of the 12-hour clock run into its am or pm after <c>at</c> (<c>schedule daily at 2pm</c>,
    /// <c>11PM</c>): the same time on the 24-hour clock, the way to write it. (<c>11:30PM</c> is a time
    /// of day and a word, which the parser's error says the same of.)
    /// </summary>
    private static Hint? TwelveHourTimeHint(string malformed, TextSpan span)
    {
        var lower = malformed.ToLowerInvariant();
        if (!(lower.EndsWith("am", StringComparison.Ordinal) || lower.EndsWith("pm", StringComparison.Ordinal)))
            return null;
        var clock = lower[..^2].Split(':');
        if (clock.Length > 2 || !int.TryParse(clock[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hour) || hour is < 1 or > 12 || clock[0].Length > 2)
            return null;
        var minute = 0;
        if (clock.Length == 2 && (clock[1].Length != 2 || !int.TryParse(clock[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute) || minute > 59))
            return null;
        var written = $"{hour % 12 + (lower.EndsWith("pm", StringComparison.Ordinal) ? 12 : 0):D2}:{minute:D2}";
        return new Hint($" A time of day is written on the 24-hour clock: did you mean \"{written}\"?", new TextReplacement(span, written));
    }

    /// <summary>
    /// For a number written in hexadecimal (<c>0x10</c>), which the language does not read: the
    /// same number in decimal, the way to write it.
    /// </summary>
    private static Hint? HexadecimalHint(string malformed, TextSpan span)
    {
        if (malformed.Length < 3 || malformed[0] != '0' || malformed[1] is not ('x' or 'X') || !malformed.Skip(2).All(char.IsAsciiHexDigit))
            return null;
        if (!ulong.TryParse(malformed.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            return " Numbers are written in decimal, not hexadecimal.";
        var decimalText = value.ToString(CultureInfo.InvariantCulture);
        return new Hint($" Numbers are written in decimal, not hexadecimal: write {decimalText}.", new TextReplacement(span, decimalText));
    }

    /// <summary>
    /// For a range written as other languages write it (<c>0..5000</c>, in a <c>slope</c> or a
    /// <c>range</c>): the interval the language reads, whose brackets say which ends belong to it.
    /// </summary>
    private static Hint? RangeHint(string malformed, TextSpan span, bool negated)
    {
        int dots = malformed.IndexOf("..", StringComparison.Ordinal);
        if (dots <= 0 || malformed.IndexOf("..", dots + 2, StringComparison.Ordinal) >= 0)
            return null;
        string low = malformed[..dots], high = malformed[(dots + 2)..];
        if (!LiteralDecoder.TryParseNumber(low, out var lowValue, out _) || !LiteralDecoder.TryParseNumber(high, out var highValue, out _))
            return null;
        low = negated ? "-" + low : low;
        lowValue = negated ? -lowValue : lowValue;
        // An empty interval would not compile (DSL3043): bounds written high to low are swapped,
        // and one value has no half-open interval to propose.
        if (lowValue > highValue)
            (low, high) = (high, low);
        // The edit writes the closed interval, over the '-' that is the low end's sign too.
        var fix = new TextReplacement(negated ? TextSpan.FromBounds(span.Start - 1, span.End) : span, $"[{low}, {high}]");
        return new Hint(lowValue == highValue
            ? $" A range of values is an interval: write [{low}, {high}]."
            : $" A range of values is an interval: write [{low}, {high}] (or [{low}, {high}) to leave {high} out).", fix);
    }

    private static bool MayBeWrong(int type) => type is StreamLexer.ERROR_CHARACTERS or StreamLexer.UNTERMINATED_STRING
        or StreamLexer.STRING or StreamLexer.UNTERMINATED_BLOCK_COMMENT or StreamLexer.QUOTED_IDENTIFIER
        or StreamLexer.UNTERMINATED_QUOTED_IDENTIFIER or StreamLexer.MALFORMED_NUMBER or StreamLexer.NUMBER or StreamLexer.DURATION;

    public static TextSpan SpanOf(IToken token) => TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);

    /// <summary>A character for a message: quoted when printable, as its U+ code point otherwise (control characters, binary).</summary>
    public static string DescribeCharacter(string text, int position)
    {
        var codePoint = char.IsSurrogatePair(text, position) ? char.ConvertToUtf32(text[position], text[position + 1]) : text[position];
        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        var printable = category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            && codePoint != 0xFFFD;
        return printable
            ? $"'{char.ConvertFromUtf32(codePoint)}'"
            : string.Create(CultureInfo.InvariantCulture, $"U+{codePoint:X4}");
    }

    /// <summary>For a letter in a word (`Größe`), how to write that word as a name; otherwise empty.</summary>
    private static string BacktickHint(string text, int position)
    {
        // `.5`: a number starts with a digit.
        if (text[position] == '.' && position + 1 < text.Length && char.IsAsciiDigit(text[position + 1])
            && (position == 0 || !char.IsAsciiLetterOrDigit(text[position - 1])))
        {
            var digits = position + 1;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
                digits++;
            return $" A number starts with a digit: write 0{text[position..digits]}.";
        }
        if (!char.IsLetter(text, position))
            return "";
        static bool InWord(char c) => char.IsLetterOrDigit(c) || c == '_' || char.IsSurrogate(c);
        var start = position;
        while (start > 0 && InWord(text[start - 1]))
            start--;
        var end = position;
        while (end < text.Length && InWord(text[end]))
            end++;
        return $" Names are ASCII letters, digits and '_'; write this one between backticks: `{text[start..end]}`.";
    }

    private const char ReplacementCharacter = '\uFFFD';

    private const string NotUtf8Hint = " It stands for bytes that are not UTF-8: save the file as UTF-8.";

    /// <summary>
    /// A file that is not UTF-8 (a '°' saved as Windows-1252) reads with U+FFFD for its bad bytes.
    /// Inside a string or a quoted name that character is valid, but it would silently give the
    /// name or value another spelling than the one written (no record's pointId would match it).
    /// </summary>
    private static void ReportBytesNotUtf8(string text, TextSpan span, SyntaxDiagnosticCollector diagnostics)
    {
        var index = text.IndexOf(ReplacementCharacter, span.Start, span.Length);
        if (index >= 0)
            diagnostics.Report(DiagnosticDescriptors.InvalidCharacter, new TextSpan(index, 1), DescribeCharacter(text, index), NotUtf8Hint);
    }

    private static int CharacterLength(string text, int position) => char.IsSurrogatePair(text, position) ? 2 : 1;

    private static void ReportEscapes(string tokenText, int start, bool terminated, SyntaxDiagnosticCollector diagnostics) =>
        LiteralDecoder.DecodeString(tokenText, start, terminated,
            (descriptor, span, escape) => diagnostics.Report(descriptor, span, Quote(escape)));

    private static string Quote(string text) => $"'{text}'";
}
