using System.Text.RegularExpressions;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Text;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.CodeActions;

/// <summary>
/// "Change to X" for a hint that names how to write what was written another way: a duration
/// without its space (<c>10 min</c> becomes <c>10m</c>), a range as the interval it means
/// (<c>0..100</c> becomes <c>[0, 100]</c>), a sliding window as the hopping one
/// (<c>sliding 10m every 5m</c> becomes <c>hopping 10m step 5m</c>) and a monthly total as an
/// <c>every 1mo</c> output. Such a diagnostic covers one token of the words it replaces, so the
/// words are found in the text around it, and the fix is offered only when they are the very
/// words the hint was made from: a comment between them, or any other text, and there is no fix.
/// </summary>
internal static partial class HintedRewrite
{
    public static CodeAction? Create(string uri, Diagnostic diagnostic, LspDiagnostic shown)
    {
        if (diagnostic.Span.Length == 0)
            return null;
        var rewrite = SpacedDuration(diagnostic) ?? DottedRange(diagnostic) ?? SlidingWindow(diagnostic) ?? PeriodOutput(diagnostic);
        if (rewrite is not var (span, replacement))
            return null;
        var edit = new TextEdit(TextPositions.ToRange(diagnostic.Source, span), replacement);
        return new CodeAction(
            $"Change to '{replacement}'",
            "quickfix",
            [shown],
            new WorkspaceEdit(new Dictionary<string, TextEdit[]> { [uri] = [edit] }),
            IsPreferred: true);
    }

    /// <summary>
    /// <c>tumbling 10 min</c>, reported at the number, and <c>lag &gt; 5 minutes</c> in an alarm,
    /// reported at the word: the number, the spaces and the word become the duration the hint names.
    /// </summary>
    private static (TextSpan, string)? SpacedDuration(Diagnostic diagnostic)
    {
        if (SpacedDurationPattern().Match(diagnostic.Message) is not { Success: true } hint)
            return null;
        string number = hint.Groups["number"].Value, duration = number + hint.Groups["unit"].Value;
        var text = diagnostic.Source.Text;
        var span = diagnostic.Span;
        var written = diagnostic.Source.ToString(span);
        if (written == number)
        {
            // The word the parser found after the number, on its line.
            var start = SkipSpaces(text, span.End, +1);
            var end = start;
            while (end < text.Length && char.IsAsciiLetter(text[end]))
                end++;
            return start > span.End && end > start && !IsWordCharacter(text, end)
                ? (TextSpan.FromBounds(span.Start, end), duration)
                : null;
        }
        if (written.All(char.IsAsciiLetter) && !IsWordCharacter(text, span.End))
        {
            // The number the word follows in an alarm's condition.
            var end = SkipSpaces(text, span.Start - 1, -1) + 1;
            var start = end - number.Length;
            return end < span.Start && start >= 0 && text.AsSpan(start, number.Length).SequenceEqual(number)
                && !IsWordCharacter(text, start - 1) && text[Math.Max(start - 1, 0)] != '.'
                ? (TextSpan.FromBounds(start, span.End), duration)
                : null;
        }
        return null;
    }

    /// <summary>
    /// <c>range 0..100</c>: the malformed number becomes the closed interval of the hint; a '-' before
    /// it, which the lexer reads apart, is the low end's sign and is replaced with it.
    /// </summary>
    private static (TextSpan, string)? DottedRange(Diagnostic diagnostic)
    {
        if (DottedRangePattern().Match(diagnostic.Message) is not { Success: true } hint)
            return null;
        string low = hint.Groups["low"].Value, high = hint.Groups["high"].Value;
        var negated = low.StartsWith('-');
        var span = diagnostic.Span;
        // The hint gives the bounds low to high, whichever way round they were written.
        var written = diagnostic.Source.ToString(span);
        if (written != $"{(negated ? low[1..] : low)}..{high}" && (negated || written != $"{high}..{low}"))
            return null;
        if (negated && (span.Start == 0 || diagnostic.Source.Text[span.Start - 1] != '-'))
            return null;
        return (negated ? TextSpan.FromBounds(span.Start - 1, span.End) : span, $"[{low}, {high}]");
    }

    /// <summary><c>sliding 10m every 5m</c>, reported at <c>sliding</c>: the four words become the hopping window of the hint.</summary>
    private static (TextSpan, string)? SlidingWindow(Diagnostic diagnostic)
    {
        if (SlidingWindowPattern().Match(diagnostic.Message) is not { Success: true } hint
            || diagnostic.Source.ToString(diagnostic.Span) != hint.Groups["word"].Value)
            return null;
        string size = hint.Groups["size"].Value, step = hint.Groups["step"].Value;
        var written = new Regex($@"\G{hint.Groups["word"].Value}\s+{Regex.Escape(size)}\s+(?:every|step|slide|by)\s+{Regex.Escape(step)}(?![A-Za-z0-9_])")
            .Match(diagnostic.Source.Text, diagnostic.Span.Start);
        return written.Success
            ? (new TextSpan(written.Index, written.Length), $"hopping {size} step {step}")
            : null;
    }

    /// <summary>
    /// <c>monthly Total</c>, reported at <c>monthly</c>: the word becomes <c>every 1mo</c>, when the
    /// hint names the target written after it (not its TARGET placeholder for a missing one).
    /// </summary>
    private static (TextSpan, string)? PeriodOutput(Diagnostic diagnostic)
    {
        if (PeriodOutputPattern().Match(diagnostic.Message) is not { Success: true } hint
            || diagnostic.Source.ToString(diagnostic.Span) != hint.Groups["period"].Value)
            return null;
        var target = hint.Groups["target"].Value;
        var text = diagnostic.Source.Text;
        var start = SkipSpaces(text, diagnostic.Span.End, +1);
        var end = start + target.Length;
        return start > diagnostic.Span.End && end <= text.Length && text.AsSpan(start, target.Length).SequenceEqual(target)
            && !IsWordCharacter(text, end)
            ? (diagnostic.Span, $"every {hint.Groups["every"].Value}")
            : null;
    }

    /// <summary>The first position from <paramref name="position"/> on, in <paramref name="direction"/>, that is not a space or tab (a line break ends the search).</summary>
    private static int SkipSpaces(string text, int position, int direction)
    {
        while (position >= 0 && position < text.Length && text[position] is ' ' or '\t')
            position += direction;
        return position;
    }

    private static bool IsWordCharacter(string text, int position) =>
        position >= 0 && position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_');

    [GeneratedRegex(@"A duration is written (?:without a space|with a short unit and no space): (?<number>[0-9]+)(?<unit>ms|s|m|h|d|w|mo)\.$")]
    private static partial Regex SpacedDurationPattern();

    [GeneratedRegex(@"A range of values is an interval: write \[(?<low>-?[0-9][^,\[\]\s]*), (?<high>[0-9][^,\[\]\s]*)\](?: \(or |\.$)")]
    private static partial Regex DottedRangePattern();

    [GeneratedRegex(@"A (?<word>sliding|rolling) window is written hopping SIZE step STEP: hopping (?<size>[0-9]+[a-z]+) step (?<step>[0-9]+[a-z]+)\.$")]
    private static partial Regex SlidingWindowPattern();

    [GeneratedRegex(@"An? (?<period>hourly|weekly|monthly) total is written every (?<every>[0-9]+[a-z]+) (?<target>.+)\.$")]
    private static partial Regex PeriodOutputPattern();
}
