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
            WordsAt(tokens, hopping, 1, 2, 3, 4));
    }

    /// <summary>
    /// A merge's trigger written another way: on several points (<c>on P, Q</c>, <c>on P or Q</c>),
    /// on a point and a grid at once (<c>on P hold 10m every 1m</c>), or with another word
    /// (<c>when P</c>, <c>trigger P</c>). A merge is evaluated on one point's records or on a grid.
    /// </summary>
    private static Hint? MergeTriggerHint(ITokenStream tokens, IToken found, RuleContext context)
    {
        if (Enclosing<MergeRuleContext>(context) is not { } merge || found.TokenIndex != tokens.LT(1).TokenIndex)
            return null;
        var trigger = merge.mergeTrigger();
        if (tokens.LA(-2) == StreamLexer.MERGE && found.Text is "when" or "trigger" && TokenFacts.IsName(tokens.LA(2)))
            return new Hint(" A merge's trigger is written on P (or every D, for a grid).", new TextReplacement(LexicalDiagnostics.SpanOf(found), "on"));
        if (trigger is OnPointTriggerContext && trigger.Stop.TokenIndex == tokens.LT(-1).TokenIndex
            && (found.Type is StreamLexer.COMMA or StreamLexer.OR || found.Text is "or" or "and"))
            return " A merge is evaluated on the records of one point (on P) or on a grid (every 1m), not on several points.";
        return (found.Type, trigger) is (StreamLexer.EVERY, OnPointTriggerContext) or (StreamLexer.ON, EveryTriggerContext)
            ? " A merge has one trigger: on P or every D, not both."
            : null;
    }

    /// <summary>
    /// An energy output written as other outputs are (<c>Daily = daily</c>, <c>Q = every 15m</c>)
    /// or as a setting (<c>daily: Daily</c>): the period comes first, then the point it writes.
    /// </summary>
    private Hint? EnergyOutputHint(ITokenStream tokens, IToken found, RuleContext context)
    {
        if (Enclosing<EnergyRuleContext>(context) is null || found.TokenIndex != tokens.LT(1).TokenIndex)
            return null;
        if (found.Type == StreamLexer.COLON && TokenFacts.IsName(tokens.LA(2))
            && (tokens.LA(-1) == StreamLexer.DAILY || (tokens.LA(-1) == StreamLexer.DURATION && tokens.LA(-2) == StreamLexer.EVERY)))
        {
            var period = tokens.LA(-1) == StreamLexer.DAILY ? "daily" : $"every {tokens.LT(-1).Text}";
            var output = $"{period} {tokens.LT(2).Text}";
            var words = tokens.LA(-1) == StreamLexer.DAILY ? new[] { -1, 1, 2 } : [-2, -1, 1, 2];
            return new Hint($" An energy output is written {output}, with no colon.",
                WordsAt(tokens, output, words));
        }
        if (TokenFacts.IsName(found.Type) && tokens.LA(2) == StreamLexer.ASSIGN && lineStarts.StartsLine(found))
        {
            var (period, last) = tokens.LA(3) == StreamLexer.DAILY ? ("daily", 3)
                : tokens.LA(3) == StreamLexer.EVERY && tokens.LA(4) == StreamLexer.DURATION ? ($"every {tokens.LT(4).Text}", 4)
                : (null, 0);
            if (period is null)
                return null;
            var output = $"{period} {found.Text}";
            return new Hint($" An energy output is written with its period first: {output}.",
                WordsAt(tokens, output, [.. Enumerable.Range(1, last)]));
        }
        return null;
    }

    /// <summary>
    /// <c>window fixed 10m</c>, as some engines call a tumbling window.
    /// </summary>
    private static Hint? FixedWindowHint(ITokenStream tokens, IToken found, RuleContext context) =>
        context is WindowContext or AggregateRuleContext && found.Text == "fixed" && found.TokenIndex == tokens.LT(1).TokenIndex
            ? new Hint(" A fixed window is written tumbling SIZE, as in tumbling 10m.", new TextReplacement(LexicalDiagnostics.SpanOf(found), "tumbling"))
            : null;

    /// <summary>
    /// A name before a window's duration (<c>session gap 30m</c>, <c>tumbling size 10m</c>), as other
    /// languages name the parameter: here the duration follows the window's kind (whose keyword
    /// is the token before the name, whatever rule the parser was in).
    /// </summary>
    private Hint? WindowParameterNameHint(ITokenStream tokens, IToken found)
    {
        var kind = tokens.LT(-1);
        if (found.TokenIndex != tokens.LT(1).TokenIndex
            || kind.Type is not (StreamLexer.TUMBLING or StreamLexer.SESSION) || !TokenFacts.IsName(found.Type) || tokens.LA(2) != StreamLexer.DURATION)
            return null;
        var duration = tokens.LT(2).Text;
        return new Hint($" A {kind.Text} window is written {kind.Text} {(kind.Type == StreamLexer.SESSION ? "GAP" : "SIZE")}, with no word before it: {kind.Text} {duration}.",
            TextReplacement.OfWords(text, duration, LexicalDiagnostics.SpanOf(found), LexicalDiagnostics.SpanOf(tokens.LT(2))));
    }

    /// <summary>
    /// <c>hopping 1h every 15m</c> (also <c>by</c>, <c>advance</c>, <c>slide</c>), as other languages
    /// name a hopping window's step. Null for any other word there.
    /// </summary>
    private static Hint? HoppingStepWordHint(ITokenStream tokens, IToken found, RuleContext context) =>
        context is WindowContext or AggregateRuleContext && found.Text is "every" or "by" or "advance" or "slide"
        && found.TokenIndex == tokens.LT(1).TokenIndex && tokens.LA(-2) == StreamLexer.HOPPING && tokens.LA(-1) == StreamLexer.DURATION
        && tokens.LA(2) == StreamLexer.DURATION
            ? new Hint($" The step of a hopping window is written with 'step': hopping {tokens.LT(-1).Text} step {tokens.LT(2).Text}.",
                new TextReplacement(LexicalDiagnostics.SpanOf(found), "step"))
            : null;

    /// <summary>
    /// <c>tumbling 10m step 5m</c>: a window with a step is a hopping one. Where the parser stops
    /// depends on the rule around it; the tokens are the window's wherever it is.
    /// </summary>
    private Hint? TumblingStepHint(ITokenStream tokens, IToken found)
    {
        if (found.Type != StreamLexer.STEP || found.TokenIndex != tokens.LT(1).TokenIndex
            || tokens.LA(-2) != StreamLexer.TUMBLING || tokens.LA(-1) != StreamLexer.DURATION || tokens.LA(2) != StreamLexer.DURATION)
            return null;
        var hopping = $"hopping {tokens.LT(-1).Text} step {tokens.LT(2).Text}";
        return new Hint($" A tumbling window has no step: a window with one is written {hopping}.",
            WordsAt(tokens, hopping, -2, -1, 1, 2));
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
