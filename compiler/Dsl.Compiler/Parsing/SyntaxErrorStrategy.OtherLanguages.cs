using Antlr4.Runtime;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Text;
using Dsl.Grammar;
using static Dsl.Grammar.StreamParser;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// Hints for the words other stream languages use where this one has a construct of its own:
/// the reader knows what they meant, and "expected a window" alone does not say how it is written here.
/// </summary>
internal sealed partial class SyntaxErrorStrategy
{
    /// <summary>
    /// <c>window sliding 10m every 5m</c>, as Flink, Kafka Streams and SQL engines call it: a sliding
    /// window is a hopping one here, its step written with <c>step</c>.
    /// </summary>
    private Hint? SlidingWindowHint(ITokenStream tokens, IToken found, RuleContext context)
    {
        if (context is not (WindowContext or AggregateRuleContext) || found.Text is not ("sliding" or "rolling") || found.TokenIndex != tokens.LT(1).TokenIndex)
            return null;
        if (tokens.LA(2) != StreamLexer.DURATION || tokens.LT(3).Text is not ("every" or "step" or "slide" or "by") || tokens.LA(4) != StreamLexer.DURATION)
            return $" A {found.Text} window is written hopping SIZE step STEP, as in hopping 10m step 5m.";
        var hopping = $"hopping {tokens.LT(2).Text} step {tokens.LT(4).Text}";
        return new Hint($" A {found.Text} window is written hopping SIZE step STEP: {hopping}.",
            TextReplacement.OfWords(text, hopping, [.. Enumerable.Range(1, 4).Select(i => LexicalDiagnostics.SpanOf(tokens.LT(i)))]));
    }

    /// <summary>
    /// <c>monthly Total</c> in an energy rule, after its <c>daily</c>: every period but the day is
    /// an <c>every D</c> output, calendar-aligned from a day up.
    /// </summary>
    private static Hint? PeriodOutputHint(ITokenStream tokens, IToken found, RuleContext context)
    {
        if (context is not EnergyRuleContext || found.TokenIndex != tokens.LT(1).TokenIndex)
            return null;
        string? period = found.Text switch
        {
            "hourly" => "1h",
            "weekly" => "1w",
            "monthly" => "1mo",
            _ => null,
        };
        if (period is null)
            return null;
        var hasTarget = TokenFacts.IsName(tokens.LA(2)) && tokens.LT(2).Line == found.Line;
        string article = found.Text == "hourly" ? "An" : "A";
        // Without a target, the hint's TARGET is a placeholder that an edit must not write.
        return new Hint($" {article} {found.Text} total is written every {period} {(hasTarget ? tokens.LT(2).Text : "TARGET")}.",
            hasTarget ? new TextReplacement(LexicalDiagnostics.SpanOf(found), $"every {period}") : null);
    }

    /// <summary>
    /// <c>Out = P * 2 where P &gt; 0</c> or <c>… fill 0</c> after a merge output, on its line: the
    /// clauses of an aggregate output, which filters the records it takes and fills an empty window.
    /// </summary>
    private string? AggregateClauseInMergeHint(IToken found, RuleContext context) =>
        context is MergeRuleContext && !lineStarts.StartsLine(found)
            ? found.Type switch
            {
                StreamLexer.WHERE => " A merge output has no 'where': only an aggregate's outputs filter the records they take, and a merge writes its output at each evaluation.",
                StreamLexer.FILL => " A merge output has no 'fill': coalesce(P, 0) gives 0 for a missing P.",
                _ => null,
            }
            : null;

    /// <summary>
    /// <c>on failed or errors &gt; 100</c>: an alarm rule's conditions are a list, and any one of
    /// them fires it; there is no way to require several at once.
    /// </summary>
    private Hint? AlarmConditionJoinHint(ITokenStream tokens, IToken found, RuleContext context) =>
        context is AlarmRuleContext
            ? found.Text switch
            {
                // The ',' right after the condition before it, in place of the spaces and the word.
                "or" => new Hint(" An alarm rule's conditions are separated by ',': any one of them fires it.",
                    TextReplacement.OfWords(text, ",", new TextSpan(tokens.LT(-1).StopIndex + 1, 0), LexicalDiagnostics.SpanOf(found))),
                // Not for "and": a ',' would make the rule fire on either condition, not on both.
                "and" => " An alarm rule's conditions are separated by ',', and any one of them fires it: a rule cannot require several at once.",
                _ => null,
            }
            : null;
}
