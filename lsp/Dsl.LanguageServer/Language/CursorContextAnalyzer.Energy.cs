using Dsl.Compiler.Binding;
using Dsl.Compiler.Syntax;

namespace Dsl.LanguageServer.Language;

public static partial class CursorContextAnalyzer
{
    private static CursorContext InEnergy(List<SyntaxToken> statement, List<SyntaxToken> header, ISet<string> written, Maker make)
    {
        if (statement.Count == 0)
            return make(CursorPlace.Words, null, ClausesLeft(header, written));
        var head = statement[0].Text;
        var last = statement[^1];
        return head switch
        {
            "daily" when statement.Count == 1 => make(CursorPlace.OutputTarget) with { EnergyOutput = true },
            "every" when statement.Count == 1 => make(CursorPlace.Duration),
            "every" when statement.Count == 2 => make(CursorPlace.OutputTarget) with { EnergyOutput = true },
            "missing" when statement.Count == 1 => make(CursorPlace.Words, null, ["last", "ignore"]),
            "lateness" when statement.Count == 1 => make(CursorPlace.Duration),
            // A slope, a scale and a range are per asset: attributes and constants, no points.
            "scale" or "slope" or "range" when IsExpressionContinuation(last) => make(CursorPlace.Expression) with { ReadablePoints = [] },
            // A rollover is a number the compiler works out from literals: nothing named fits.
            "rollover" => make(CursorPlace.Nothing),
            _ => make(CursorPlace.Nothing),
        };
    }

    /// <summary>The clauses the block's method takes (all of them while it is unknown) that the block does not have yet.</summary>
    private static IReadOnlyList<string> ClausesLeft(List<SyntaxToken> header, ISet<string> written)
    {
        var by = header.FindIndex(t => t.Text == "by");
        EnergyMethod? method = by >= 0 && by + 1 < header.Count && EnergyFacts.TryGetMethod(header[by + 1].Text, out var known) ? known : null;
        return [.. EnergyFacts.ClauseNames.Where(c => !written.Contains(c) && (method is not { } m || EnergyFacts.MethodsTaking(c).Contains(m)))];
    }

    /// <summary>
    /// The first word of each line of the block after <paramref name="header"/>, but for the
    /// cursor's line: the clauses the block already has, before the cursor or after it.
    /// </summary>
    private static HashSet<string> FirstWordsOfOtherLines(SyntaxTree tree, List<SyntaxToken> header, int cursorLine)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var previousLine = -1;
        foreach (var token in tree.Tokens)
        {
            if (token.IsTrivia || token.Kind == SyntaxTokenKind.Error || token.Span.Start < header[^1].Span.End)
                continue;
            if (token.Text == "}")
                break;
            var tokenLine = tree.Source.GetLinePosition(token.Span.Start).Line;
            if (tokenLine != previousLine && tokenLine != cursorLine && token.Text != "{")
                words.Add(token.Text);
            // A clause may follow the '{' on its line.
            previousLine = token.Text == "{" ? -1 : tokenLine;
        }
        return words;
    }
}
