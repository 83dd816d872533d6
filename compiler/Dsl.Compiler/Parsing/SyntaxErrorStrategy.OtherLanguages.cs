using Antlr4.Runtime;
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
    private static string? SlidingWindowHint(ITokenStream tokens, IToken found, RuleContext context)
    {
        if (context is not (WindowContext or AggregateRuleContext) || found.Text is not ("sliding" or "rolling") || found.TokenIndex != tokens.LT(1).TokenIndex)
            return null;
        return tokens.LA(2) == StreamLexer.DURATION && tokens.LT(3).Text is "every" or "step" or "slide" or "by" && tokens.LA(4) == StreamLexer.DURATION
            ? $" A {found.Text} window is written hopping SIZE step STEP: hopping {tokens.LT(2).Text} step {tokens.LT(4).Text}."
            : $" A {found.Text} window is written hopping SIZE step STEP, as in hopping 10m step 5m.";
    }

    /// <summary>
    /// <c>monthly Total</c> in an energy rule, after its <c>daily</c>: every period but the day is
    /// an <c>every D</c> output, calendar-aligned from a day up.
    /// </summary>
    private static string? PeriodOutputHint(ITokenStream tokens, IToken found, RuleContext context)
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
        string target = TokenFacts.IsName(tokens.LA(2)) && tokens.LT(2).Line == found.Line ? tokens.LT(2).Text : "TARGET";
        string article = found.Text == "hourly" ? "An" : "A";
        return $" {article} {found.Text} total is written every {period} {target}.";
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
    private static string? AlarmConditionJoinHint(IToken found, RuleContext context) =>
        context is AlarmRuleContext
            ? found.Text switch
            {
                "or" => " An alarm rule's conditions are separated by ',': any one of them fires it.",
                "and" => " An alarm rule's conditions are separated by ',', and any one of them fires it: a rule cannot require several at once.",
                _ => null,
            }
            : null;
}
