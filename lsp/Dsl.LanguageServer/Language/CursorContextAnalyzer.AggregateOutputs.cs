using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.LanguageServer.Language;

public static partial class CursorContextAnalyzer
{
    /// <summary>
    /// In an output of an aggregate block, <c>TARGET = fn(ARGUMENT) [where CONDITION] [fill VALUE]</c>:
    /// each clause at most once and in that order, a where condition that reads only the
    /// aggregated point, and a fill, which only a count takes, that is a number: nothing named fits.
    /// Once the output is complete (after its call, condition or fill) the next may follow on the line.
    /// </summary>
    private static CursorContext InAggregateOutput(List<SyntaxToken> line, Maker make)
    {
        var statement = CurrentOutput(line);
        if (statement.Count == 0)
            return make(CursorPlace.OutputTarget);
        if (statement.Count == 1 || EndsWithNextTarget(statement))
            return make(CursorPlace.Nothing);
        var last = statement[^1];
        if (last.Text == "=" && statement.Count == 2)
            return make(CursorPlace.AggregateFunction);
        if (IndexOutsideBrackets(statement, "fill") is var fillAt and >= 0)
            return make(IsCompleteExpression(statement[(fillAt + 1)..]) ? CursorPlace.OutputTarget : CursorPlace.Nothing);

        IReadOnlyList<string> fill = TakesFill(statement) ? ["fill"] : [];
        if (IndexOutsideBrackets(statement, "where") is var whereAt and >= 0)
        {
            if (IsExpressionContinuation(last))
                return make(CursorPlace.Expression) with { ReadablePoints = NamesInArgument(statement) };
            // After an operand the condition may go on (`P in [0, 10)`); a fill and the next
            // output only once its brackets are closed.
            var complete = IsCompleteExpression(statement[(whereAt + 1)..]);
            return make(complete ? CursorPlace.OutputTarget : CursorPlace.Words, null, [.. _afterOperand, .. BracketDepth(statement) == 0 ? fill : []]);
        }
        if (BracketDepth(statement) > 0)
            return IsExpressionContinuation(last) ? make(CursorPlace.Expression) : make(CursorPlace.Nothing);
        return last.Text == ")" ? make(CursorPlace.OutputTarget, null, ["where", .. fill]) : make(CursorPlace.Nothing);
    }

    private static bool TakesFill(List<SyntaxToken> statement) =>
        statement.Count > 2 && BuiltinFunctions.AggregateFunctions.TryGetValue(statement[2].Text, out var function)
        && function.Function is AggregateFunction aggregate && aggregate.TakesFill();

    /// <summary>The names in the aggregate's argument list: the point it aggregates is among them.</summary>
    private static List<string> NamesInArgument(List<SyntaxToken> statement)
    {
        var names = new List<string>();
        var open = statement.FindIndex(t => t.Text == "(");
        if (open < 0)
            return names;
        var depth = 0;
        foreach (var token in statement.Skip(open))
        {
            if (token.Text is "(" or "[")
                depth++;
            else if (token.Text is ")" or "]")
                depth--;
            else if (token.Kind is SyntaxTokenKind.Identifier or SyntaxTokenKind.QuotedIdentifier or SyntaxTokenKind.Keyword)
                names.Add(Unquote(token.Text));
            if (depth == 0)
                break;
        }
        return names;
    }

    /// <summary>Where a word stands outside all parentheses and brackets of the statement, or -1.</summary>
    private static int IndexOutsideBrackets(List<SyntaxToken> statement, string word)
    {
        var depth = 0;
        for (var i = 0; i < statement.Count; i++)
        {
            var text = statement[i].Text;
            if (text is "(" or "[")
                depth++;
            else if (text is ")" or "]")
                depth--;
            else if (depth == 0 && text == word)
                return i;
        }
        return -1;
    }

    /// <summary>
    /// How many parentheses and brackets are open at the end of the statement. Both count alike,
    /// since an interval may open with one and close with the other: <c>[0, 100)</c>.
    /// </summary>
    private static int BracketDepth(List<SyntaxToken> statement) =>
        statement.Sum(t => t.Text is "(" or "[" ? 1 : t.Text is ")" or "]" ? -1 : 0);
}
