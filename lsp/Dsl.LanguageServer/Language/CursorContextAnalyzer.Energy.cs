using Dsl.Compiler.Binding;
using Dsl.Compiler.Syntax;

namespace Dsl.LanguageServer.Language;

public static partial class CursorContextAnalyzer
{
    private static CursorContext InEnergy(List<SyntaxToken> statement, List<SyntaxToken> header, ISet<string> written, Maker make)
    {
        // Clauses may share a line (`{ split missing last`): the one being written is the last.
        var clauses = SplitClauses(statement);
        var clause = clauses[^1];
        if (clause.Count == 0)
        {
            HashSet<string> given = [.. written, .. clauses.SkipLast(1).Select(c => c[0].Text)];
            return make(CursorPlace.Words, null, ClausesLeft(header, given));
        }
        var head = clause[0].Text;
        var last = clause[^1];
        return head switch
        {
            "daily" when clause.Count == 1 => make(CursorPlace.OutputTarget) with { EnergyOutput = true },
            "every" when clause.Count == 1 => make(CursorPlace.Duration),
            "every" when clause.Count == 2 => make(CursorPlace.OutputTarget) with { EnergyOutput = true },
            "missing" when clause.Count == 1 => make(CursorPlace.Words, null, ["last", "ignore"]),
            "lateness" when clause.Count == 1 => make(CursorPlace.Duration),
            // A slope, a scale and a range are per asset: attributes and constants, no points.
            "scale" or "slope" or "range" when IsExpressionContinuation(last) => make(CursorPlace.Expression) with { ReadablePoints = [] },
            // A rollover is a number the compiler works out from literals: nothing named fits.
            "rollover" => make(CursorPlace.Nothing),
            _ => make(CursorPlace.Nothing),
        };
    }

    /// <summary>
    /// The energy clauses among the tokens of a line, each complete one on its own, then the one
    /// being written (empty when the line ends with a complete clause). A scale or a rollover, or
    /// a word that starts no clause, runs to the end of the line: where an expression ends is not
    /// known from the tokens.
    /// </summary>
    private static List<List<SyntaxToken>> SplitClauses(List<SyntaxToken> line)
    {
        var clauses = new List<List<SyntaxToken>>();
        var start = 0;
        while (start < line.Count && ClauseLength(line, start) is { } length && start + length <= line.Count)
        {
            clauses.Add(line.GetRange(start, length));
            start += length;
        }
        clauses.Add(line.GetRange(start, line.Count - start));
        return clauses;
    }

    /// <summary>How many tokens the clause at <paramref name="start"/> takes when complete, or null where the tokens do not tell.</summary>
    private static int? ClauseLength(List<SyntaxToken> tokens, int start) => tokens[start].Text switch
    {
        "split" => 1,
        "daily" or "missing" or "lateness" => 2,
        "every" => 3,
        "slope" or "range" => IntervalLength(tokens, start + 1) is { } interval ? 1 + interval : null,
        _ => null,
    };

    /// <summary>How many tokens the interval at <paramref name="start"/> takes up to its closing bracket, or null while it is open.</summary>
    private static int? IntervalLength(List<SyntaxToken> tokens, int start)
    {
        if (start >= tokens.Count || tokens[start].Text is not ("[" or "("))
            return null;
        for (var end = start + 1; end <= tokens.Count; end++)
        {
            if (BracketDepth(tokens[start..end]) == 0)
                return end - start;
        }
        return null;
    }

    /// <summary>The clauses the block's method takes (all of them while it is unknown) that the block does not have yet.</summary>
    private static IReadOnlyList<string> ClausesLeft(List<SyntaxToken> header, ISet<string> written)
    {
        var by = header.FindIndex(t => t.Text == "by");
        EnergyMethod? method = by >= 0 && by + 1 < header.Count && EnergyFacts.TryGetMethod(header[by + 1].Text, out var known) ? known : null;
        return [.. EnergyFacts.ClauseNames.Where(c => !written.Contains(c) && (method is not { } m || EnergyFacts.MethodsTaking(c).Contains(m)))];
    }

    /// <summary>
    /// The clauses the block already has on the lines after <paramref name="header"/> but the
    /// cursor's, before the cursor or after it; a line may have several.
    /// </summary>
    private static HashSet<string> ClausesOfOtherLines(SyntaxTree tree, List<SyntaxToken> header, int cursorLine)
    {
        var lines = new Dictionary<int, List<SyntaxToken>>();
        foreach (var token in tree.Tokens)
        {
            if (token.IsTrivia || token.Kind == SyntaxTokenKind.Error || token.Span.Start < header[^1].Span.End || token.Text == "{")
                continue;
            if (token.Text == "}")
                break;
            var tokenLine = tree.Source.GetLinePosition(token.Span.Start).Line;
            if (tokenLine == cursorLine)
                continue;
            if (!lines.TryGetValue(tokenLine, out var line))
                lines[tokenLine] = line = [];
            line.Add(token);
        }
        return [.. lines.Values.SelectMany(SplitClauses).Where(c => c.Count > 0).Select(c => c[0].Text)];
    }
}
