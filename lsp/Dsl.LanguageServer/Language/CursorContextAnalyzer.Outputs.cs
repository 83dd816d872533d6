using Dsl.Compiler.Syntax;

namespace Dsl.LanguageServer.Language;

public static partial class CursorContextAnalyzer
{
    /// <summary>In an output of a merge block, <c>TARGET = EXPRESSION</c>; once it is complete the next may follow on the line.</summary>
    private static CursorContext InMergeOutput(List<SyntaxToken> line, Maker make)
    {
        var output = CurrentOutput(line);
        if (output.Count == 0)
            return make(CursorPlace.OutputTarget);
        if (output.Count == 1 || EndsWithNextTarget(output))
            return make(CursorPlace.Nothing);
        if (IsExpressionContinuation(output[^1]))
            return make(CursorPlace.Expression);
        return make(StartsOnLineComplete(output) ? CursorPlace.OutputTarget : CursorPlace.Words, null, _afterOperand);
    }

    /// <summary>
    /// The tokens of the output at the cursor in a merge or aggregate block: those of its line
    /// (after the block's <c>{</c>), and where the line goes on with the output of the lines
    /// before, that output's too, from its target on. A line goes on with it when it has no
    /// <c>=</c> and the output is incomplete (<c>X = avg(P) where</c>) or the line starts with a
    /// word that continues one (<c>where P &gt; 0</c>, <c>fill 0</c>, <c>* 2</c>); a name after a
    /// complete output starts the next. An empty line after a complete aggregate output is offered
    /// its <c>where</c> and <c>fill</c> too, which may stand on lines of their own; after a
    /// merge output it is the start of the next.
    /// </summary>
    private static List<SyntaxToken> OutputStatement(List<SyntaxToken> before, List<SyntaxToken> onLine, BlockKind block)
    {
        var line = onLine[(onLine.FindLastIndex(t => t.Text == "{") + 1)..];
        if (line.Count < onLine.Count || line.Any(t => t.Text == "="))
            return line;
        var earlier = before[(before.FindLastIndex(t => t.Text == "{") + 1)..^line.Count];
        if (earlier.Count == 0)
            return line;
        var previous = CurrentOutput(earlier);
        var incomplete = IsExpressionContinuation(previous[^1]) || BracketDepth(previous) > 0;
        var startsNext = line.Count == 0 ? block == BlockKind.Merge : line[0].Kind is SyntaxTokenKind.Identifier or SyntaxTokenKind.QuotedIdentifier;
        return incomplete || !startsNext ? [.. previous, .. line] : line;
    }

    /// <summary>
    /// The output being written: the tokens of the line from the target of its last <c>=</c> on.
    /// Outputs may share a line (<c>A = x B = y</c>), as no operand is followed by a name, and
    /// <c>=</c> stands nowhere else in a rule's body (equality is <c>==</c>).
    /// </summary>
    private static List<SyntaxToken> CurrentOutput(List<SyntaxToken> line)
    {
        var assign = line.FindLastIndex(t => t.Text == "=");
        return assign >= 1 ? line[(assign - 1)..] : line;
    }

    /// <summary>
    /// Whether the output starts on the line (its target and <c>=</c> are there, so where its
    /// expression begins is known) and is complete: the next output may follow.
    /// </summary>
    private static bool StartsOnLineComplete(List<SyntaxToken> output) =>
        output.Count > 2 && output[1].Text == "=" && IsCompleteExpression(output[2..]);

    /// <summary>
    /// Whether the tokens make a complete expression as far as its end tells: it ends with an
    /// operand, its brackets are closed, each <c>if</c> has its <c>else</c> and each <c>?</c> its <c>:</c>.
    /// </summary>
    private static bool IsCompleteExpression(List<SyntaxToken> expression) =>
        expression.Count > 0 && !IsExpressionContinuation(expression[^1]) && BracketDepth(expression) == 0
        && Occurrences(expression, "if") == Occurrences(expression, "else") && Occurrences(expression, "?") == Occurrences(expression, ":");

    /// <summary>
    /// Whether the output ends with a name right after an operand (<c>A = x B</c>,
    /// <c>Q = count(P) fill 0 R</c>): no operator joins the two, so the compiler reads the name as
    /// the target of the next output, and only that output's <c>=</c> may follow it: a target,
    /// an operator or a keyword there is an error (DSL1001).
    /// </summary>
    private static bool EndsWithNextTarget(List<SyntaxToken> output) =>
        output.Count > 3 && IsName(output[^1]) && EndsOperand(output[^2]);

    private static bool IsName(SyntaxToken token) =>
        token.Kind is SyntaxTokenKind.Identifier or SyntaxTokenKind.QuotedIdentifier
        || (token.Kind == SyntaxTokenKind.Keyword && !LanguageFacts.ReservedWords.Contains(token.Text));

    private static bool EndsOperand(SyntaxToken token) =>
        token.Kind is SyntaxTokenKind.Number or SyntaxTokenKind.Duration or SyntaxTokenKind.String
        || token.Text is ")" or "]" or "true" or "false" or "inf"
        || IsName(token);

    private static int Occurrences(List<SyntaxToken> tokens, string text) => tokens.Count(t => t.Text == text);
}
