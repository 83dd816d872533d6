using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using static Dsl.Grammar.StreamParser;

namespace Dsl.Compiler.Parsing;

internal sealed partial class AstBuilder
{
    private AggregateRuleSyntax BuildAggregate(AggregateRuleContext context)
    {
        // No model when its name was left out before the window (`aggregate tumbling 10m`, reported).
        var model = context.model == null ? MissingName(SpanOf(context.Start).End) : Name(context.model, context);
        var window = Window(context.window(), context);
        var options = Options(context.ruleOption());
        var outputs = Outputs<AggregateOutputContext, AggregateOutputSyntax>(context, BuildAggregateOutput);
        var span = Cover(Cover(Cover(SpanOf(context), model, window), options), outputs);
        return new AggregateRuleSyntax(span, model, window, options, outputs, IsEmptyBody(context.LBRACE(), context.RBRACE(), outputs.Length));
    }

    private WindowSyntax Window(WindowContext? context, ParserRuleContext parent)
    {
        switch (context)
        {
            case TumblingWindowContext tumbling:
            {
                var size = Duration(tumbling.size, tumbling);
                var offset = tumbling.OFFSET() != null ? Duration(tumbling.offset, tumbling) : null;
                return new TumblingWindowSyntax(Cover(SpanOf(tumbling), size, offset), size, offset);
            }
            case HoppingWindowContext hopping:
            {
                var size = Duration(hopping.size, hopping);
                var step = Duration(hopping.step, hopping);
                return new HoppingWindowSyntax(Cover(SpanOf(hopping), size, step), size, step);
            }
            case SessionWindowContext session:
            {
                var gap = Duration(session.gap, session);
                var limit = session.MAX() != null ? Duration(session.limit, session) : null;
                return new SessionWindowSyntax(Cover(SpanOf(session), gap, limit), gap, limit);
            }
            default:
            {
                // No window kind could be read (reported): an empty window with an empty size.
                var at = context == null ? MissingIn(parent) : new TextSpan(SpanOf(context).Start, 0);
                return new TumblingWindowSyntax(at, MissingDuration(at.Start), null);
            }
        }
    }

    private ImmutableArray<RuleOptionSyntax> Options(RuleOptionContext[] contexts)
    {
        var options = ImmutableArray.CreateBuilder<RuleOptionSyntax>(contexts.Length);
        foreach (var context in contexts)
        {
            RuleOptionSyntax? option = context switch
            {
                LatenessOptionContext lateness => BuildLateness(lateness),
                HoldOptionContext hold => BuildHold(hold),
                StampOptionContext stamp => BuildStamp(stamp),
                EmitOptionContext emit => BuildEmit(emit),
                _ => null,
            };
            if (option != null)
                options.Add(option);
        }
        return options.ToImmutable();
    }

    private LatenessOptionSyntax BuildLateness(LatenessOptionContext context)
    {
        var lateness = Duration(context.durationLiteral(), context);
        return new LatenessOptionSyntax(Cover(SpanOf(context), lateness), lateness);
    }

    private HoldOptionSyntax BuildHold(HoldOptionContext context)
    {
        var hold = Duration(context.durationLiteral(), context);
        return new HoldOptionSyntax(Cover(SpanOf(context), hold), hold);
    }

    private StampOptionSyntax BuildStamp(StampOptionContext context)
    {
        var value = Name(context.identifier(), context);
        return new StampOptionSyntax(Cover(SpanOf(context), value), value);
    }

    private EmitOptionSyntax BuildEmit(EmitOptionContext context)
    {
        var mode = Name(context.emitMode, context);
        // Only an aggregate takes emit: elsewhere the option itself is the one error (DSL3050), not how it is written.
        if (context.Parent is AggregateRuleContext)
            ReportEmitForm(context);

        var every = context.EVERY() != null || context.period != null ? Duration(context.period, context) : null;
        return new EmitOptionSyntax(Cover(SpanOf(context), mode, every), mode, every);
    }

    private void ReportEmitForm(EmitOptionContext context)
    {
        if (context.emitMode == null && context.exception == null)
        {
            // Only `early` takes a period, so with one that is the mode left out.
            diagnostics.Report(DiagnosticDescriptors.MissingToken, WordAfter(context.EMIT().Symbol),
                context.EVERY() != null || context.period != null ? "'early'" : "an emit mode (ontime, final or early)", "'emit'");
        }
        else if (context.EVERY() == null && context.period != null && RealToken(context.period) is { } period)
        {
            // `emit early 5m`: the period is there, its `every` is not.
            diagnostics.Report(DiagnosticDescriptors.MissingToken, SpanOf(period), "'every'", SyntaxErrorMessages.DescribeToken(context.emitMode!.Start, text));
        }
    }

    private ImmutableArray<TSyntax> Outputs<TContext, TSyntax>(ParserRuleContext rule, Func<TContext, bool, TSyntax> build)
        where TContext : ParserRuleContext
    {
        var outputs = ImmutableArray.CreateBuilder<TSyntax>();
        var children = rule.children ?? [];
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is TContext output)
                outputs.Add(build(output, i + 1 < children.Count && IsSkippedOnLineOf(output, children[i + 1])));
        }
        return outputs.ToImmutable();
    }

    // Error recovery skips what it reported as children of the block, so text skipped right
    // after an output, on its line, cut that output short (a lone '=' in `where P = 0`).
    private bool IsSkippedOnLineOf(ParserRuleContext output, IParseTree next) =>
        next is IErrorNode { Symbol: { TokenIndex: >= 0 } skipped } && output.Stop is { TokenIndex: >= 0 } last
        && skipped.StartIndex > last.StopIndex && text.AsSpan(last.StopIndex + 1, skipped.StartIndex - last.StopIndex - 1).IndexOfAny('\n', '\r') < 0;

    private AggregateOutputSyntax BuildAggregateOutput(AggregateOutputContext context, bool isCutShort)
    {
        var target = QualifiedTarget(context) ?? Name(context.target, context);
        if (context.exception is ValueWithoutFunctionException && context.function is { } first)
        {
            var firstWord = Name(first, context);
            return new AggregateOutputSyntax(Cover(SpanOf(context), target, firstWord), target, firstWord, [], false, null, null, isCutShort)
            {
                ValueWithoutFunction = ValueWithoutFunction(context, firstWord.Span),
            };
        }

        // A word the parser skipped before the '(' (`Q = where P > 0`, `R = emit avg(P)`), or a
        // syntax error reported before the function's name (`O = -A`, `O = (A)`), makes the word
        // it took as the function a guess; the syntax error is the one to report. (A token it
        // made up, such as a missing '=', has no index and leaves the function as read.)
        var read = Name(context.function, context);
        var guessed = context.children?.TakeWhile(child => child != context.LPAREN()).Any(child => child is IErrorNode { Symbol.TokenIndex: >= 0 }) == true
            || (!read.IsMissing && diagnostics.HasAnyIn(Math.Min(SpanOf(context).Start, read.Span.Start), read.Span.Start));
        var function = guessed && context.function is { } word ? MissingName(SpanOf(word).Start) : read;
        var arguments = Arguments(context.arguments(), depth: 1);
        var where = context.WHERE() != null ? Expression(context.condition, context) : null;
        var fill = context.FILL() != null ? Expression(context.fillValue, context) : null;
        var span = Cover(Cover(SpanOf(context), target, function, where, fill), arguments);
        return new AggregateOutputSyntax(span, target, function, arguments, IsReal(context.RPAREN()?.Symbol), where, fill, isCutShort);
    }

    /// <summary>
    /// Where a value written without an aggregate function (<see cref="ValueWithoutFunctionException"/>)
    /// lies: its first word and what recovery skipped after it, up to the output's <c>where</c> or
    /// <c>fill</c>. Only the word when the rest could not be a function's argument as it stands (an
    /// operator at its end, a bracket left open, a character no token starts with).
    /// </summary>
    private static TextSpan ValueWithoutFunction(AggregateOutputContext context, TextSpan word)
    {
        var end = word.End;
        var depth = 0;
        var endsInOperator = false;
        var hasInvalidCharacter = false;
        foreach (var child in context.children.SkipWhile(child => child != context.function).Skip(1))
        {
            if (child is not IErrorNode { Symbol: { TokenIndex: >= 0 } token } || token.Type is Dsl.Grammar.StreamLexer.WHERE or Dsl.Grammar.StreamLexer.FILL)
                break;
            depth += TokenFacts.IsOpener(token.Type) ? 1 : TokenFacts.IsCloser(token.Type) ? -1 : 0;
            endsInOperator = TokenFacts.ContinuesExpression(token.Type) || TokenFacts.IsOpener(token.Type);
            hasInvalidCharacter |= token.Type == Dsl.Grammar.StreamLexer.ERROR_CHARACTERS;
            end = token.StopIndex + 1;
        }
        return depth == 0 && !endsInOperator && !hasInvalidCharacter ? TextSpan.FromBounds(word.Start, end) : word;
    }

    private MergeRuleSyntax BuildMerge(MergeRuleContext context)
    {
        var model = Name(context.model, context);
        var trigger = Trigger(context.mergeTrigger(), context);
        var options = Options(context.ruleOption());
        var outputs = Outputs<MergeOutputContext, MergeOutputSyntax>(context, BuildMergeOutput);
        var span = Cover(Cover(Cover(SpanOf(context), model, trigger), options), outputs);
        return new MergeRuleSyntax(span, model, trigger, options, outputs, IsEmptyBody(context.LBRACE(), context.RBRACE(), outputs.Length));
    }

    /// <summary>
    /// A rule's braces with nothing between them: no output, and no syntax error that took one away.
    /// Braces that error recovery skipped (after a header it could not read) are no body: what was
    /// between them went unread.
    /// </summary>
    private bool IsEmptyBody(ITerminalNode? open, ITerminalNode? close, int outputs) =>
        outputs == 0 && IsReal(open?.Symbol) && IsReal(close?.Symbol) && open is not IErrorNode && close is not IErrorNode
        && !diagnostics.HasAnyIn(open!.Symbol.StartIndex, close!.Symbol.StopIndex + 1);

    private MergeTriggerSyntax Trigger(MergeTriggerContext? context, ParserRuleContext parent)
    {
        switch (context)
        {
            case OnPointTriggerContext on:
            {
                if (on.pointReference() == null && on.exception == null)
                    diagnostics.Report(DiagnosticDescriptors.MissingToken, WordAfter(on.ON().Symbol), "a point name", "'on'");
                var point = PointReference(on.pointReference(), on);
                return new OnPointTriggerSyntax(Cover(SpanOf(on), point), point);
            }
            case EveryTriggerContext every:
            {
                var period = Duration(every.durationLiteral(), every);
                return new EveryTriggerSyntax(Cover(SpanOf(every), period), period);
            }
            default:
            {
                var at = context == null ? MissingIn(parent) : new TextSpan(SpanOf(context).Start, 0);
                return new OnPointTriggerSyntax(at, new PointReferenceSyntax(at, null, MissingName(at.Start)));
            }
        }
    }

    /// <summary>
    /// `Turbine::Out = …`: the parser reported the '::' (an output is named without its model), so
    /// the word before it is not an output to look up; the output is left unnamed.
    /// </summary>
    private static NameSyntax? QualifiedTarget(ParserRuleContext context) =>
        context.children?.OfType<IErrorNode>().FirstOrDefault() is { Symbol: { Type: Dsl.Grammar.StreamLexer.COLON_COLON, TokenIndex: >= 0 } separator }
        && context.GetChild(1) is IErrorNode { Symbol: var first } && first == separator
            ? MissingName(separator.StartIndex)
            : null;

    /// <summary>
    /// `daily Site::Daily`: the '::' after the output's name was reported (an output is named without its
    /// model) and skipped with the name after it, so the word before it is not an output to look up
    /// either: the output is left unnamed, as <see cref="QualifiedTarget"/> leaves an aggregate's.
    /// </summary>
    private static bool IsNamedWithModel(EnergyClauseContext clause) =>
        clause.Parent is ParserRuleContext { children: { } siblings } && siblings.IndexOf(clause) is var index and >= 0
        && index + 1 < siblings.Count
        && siblings[index + 1] is IErrorNode { Symbol: { Type: Dsl.Grammar.StreamLexer.COLON_COLON, TokenIndex: >= 0 } };

    private MergeOutputSyntax BuildMergeOutput(MergeOutputContext context, bool isCutShort)
    {
        var target = QualifiedTarget(context) ?? Name(context.target, context);
        var value = Expression(context.expression(), context);
        return new MergeOutputSyntax(Cover(SpanOf(context), target, value), target, value, isCutShort);
    }

    private PointReferenceSyntax PointReference(PointReferenceContext? context, ParserRuleContext parent)
    {
        if (context == null)
        {
            var at = MissingIn(parent);
            return new PointReferenceSyntax(at, null, MissingName(at.Start));
        }
        var first = Name(context.first, context);
        if (context.COLON_COLON() == null)
            return new PointReferenceSyntax(Cover(SpanOf(context), first), null, first);
        var second = Name(context.second, context);
        return new PointReferenceSyntax(Cover(SpanOf(context), first, second), first, second);
    }

    private EnergyRuleSyntax BuildEnergy(EnergyRuleContext context)
    {
        var model = Name(context.model, context);
        var source = PointReference(context.source, context);
        var method = Name(context.method, context);
        foreach (var option in context.ruleOption())
            ReportEnergyHeaderOption(option);
        // Without a '{' the clauses were the body, its brace forgotten: the parser said so.
        if (IsReal(context.LBRACE()?.Symbol))
        {
            foreach (var clause in context._headerClauses)
                ReportEnergyHeaderClause(clause);
        }
        // A header clause left unfinished (`daily {`) is only reported: read, it would be a
        // second daily beside the body's, or a target without a name.
        var kept = context.energyClause().Where(clause => !context._headerClauses.Contains(clause) || IsWhole(clause)).ToArray();
        var built = kept.Select(clause => (Clause: BuildEnergyClause(clause), Broken: HasSyntaxErrorInClause(context, clause)))
            .Where(pair => pair.Clause is not null).ToArray();
        var clauses = built.Select(pair => pair.Clause!).ToImmutableArray();
        var span = Cover(Cover(SpanOf(context), model, source, method), clauses);
        return new EnergyRuleSyntax(span, model, source, method, clauses, diagnostics.HasAnyIn(SpanOf(context).Start, SpanOf(context).End))
        {
            ClausesWithSyntaxErrors = built.Where(pair => pair.Broken).Select(pair => pair.Clause!).ToImmutableHashSet(),
        };
    }

    /// <summary>
    /// A syntax error in the clause or in what recovery skipped after it, up to the next clause or
    /// the '}': an expression left open at the end of its line (<c>scale MeterScale *</c>) took the
    /// next line's clause keyword for a name (<c>daily</c>), which is no attribute to look up.
    /// </summary>
    private bool HasSyntaxErrorInClause(EnergyRuleContext rule, EnergyClauseContext clause)
    {
        var children = rule.children;
        var index = children.IndexOf(clause);
        var end = SpanOf(clause).End;
        for (var i = index + 1; i < children.Count; i++)
        {
            if (children[i] is EnergyClauseContext next)
            {
                end = SpanOf(next).Start;
                break;
            }
            if (children[i] is ITerminalNode { Symbol: { TokenIndex: >= 0 } token } and not IErrorNode)
            {
                end = token.StartIndex;
                break;
            }
            if (children[i] is IErrorNode { Symbol: { TokenIndex: >= 0 } skipped })
                end = skipped.StopIndex + 1;
        }
        return diagnostics.HasAnyIn(SpanOf(clause).Start, Math.Max(end, SpanOf(clause).End));
    }

    // An option of another rule's header written in an energy header: energy rules have no
    // options. The rule is read on without it. A lateness after such an option is read as the
    // option, and is told where it goes like a lateness clause written first in the header.
    private void ReportEnergyHeaderOption(RuleOptionContext option)
    {
        if (option is LatenessOptionContext)
        {
            ReportInEnergyHeader(option, "The lateness of an energy rule is a clause of its body");
            return;
        }
        var keyword = option.Start;
        diagnostics.Report(DiagnosticDescriptors.OptionNotAllowed, SpanOf(keyword), keyword.Text, "energy");
    }

    // A clause written in the header (`by meter daily D {`, `lateness 5m {`): reported where it
    // stands, and bound with the body's clauses, as it was meant. One whose output is named with
    // its model is not written out as it stands: "daily Site" is no clause to copy.
    private void ReportEnergyHeaderClause(EnergyClauseContext clause) =>
        ReportInEnergyHeader(clause, clause is EnergyLatenessClauseContext
            ? "The lateness of an energy rule is a clause of its body"
            : "An energy rule's clauses go in its body", suggest: IsWhole(clause) && !IsNamedWithModel(clause));

    /// <summary>Every token of the part was written: none was conjured up or left out by error recovery.</summary>
    private static bool IsWhole(ParserRuleContext part) =>
        part.exception == null && part.ChildCount > 0 && Enumerable.Range(0, part.ChildCount).Select(part.GetChild).All(child => child switch
        {
            ITerminalNode terminal => IsReal(terminal.Symbol) && terminal is not IErrorNode,
            ParserRuleContext rule => IsWhole(rule),
            _ => true,
        });

    // With the part as written when it is whole; an unfinished one is only told where it goes.
    private void ReportInEnergyHeader(ParserRuleContext part, string what, bool suggest = true)
    {
        var keyword = part.Start;
        var written = text.Substring(SpanOf(part).Start, SpanOf(part).Length);
        diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, SpanOf(keyword), SyntaxErrorMessages.DescribeToken(keyword, text), "'{'",
            suggest ? $" {what}: write \"{written}\" inside the braces." : $" {what}.");
    }

    private EnergyClauseSyntax? BuildEnergyClause(EnergyClauseContext context)
    {
        var own = SpanOf(context);
        switch (context)
        {
            case SlopeClauseContext slope:
            {
                var interval = Interval(slope.interval(), slope, depth: 0);
                return new SlopeClauseSyntax(Cover(own, interval), interval);
            }
            case ScaleClauseContext scale:
            {
                var value = Expression(scale.expression(), scale);
                return new ScaleClauseSyntax(Cover(own, value), value);
            }
            case DailyClauseContext daily:
            {
                var target = IsNamedWithModel(daily) ? MissingName(own.End) : Name(daily.identifier(), daily);
                return new DailyClauseSyntax(Cover(own, target), target);
            }
            case EveryClauseContext every:
            {
                var period = Duration(every.durationLiteral(), every);
                var target = IsNamedWithModel(every) ? MissingName(own.End) : Name(every.identifier(), every);
                return new EveryClauseSyntax(Cover(own, period, target), period, target);
            }
            case RolloverClauseContext rollover:
            {
                var value = Expression(rollover.expression(), rollover);
                return new RolloverClauseSyntax(Cover(own, value), value);
            }
            case SplitClauseContext:
                return new SplitClauseSyntax(own);
            case RangeClauseContext range:
            {
                var interval = Interval(range.interval(), range, depth: 0);
                return new RangeClauseSyntax(Cover(own, interval), interval);
            }
            case MissingClauseContext missing:
            {
                var mode = Name(missing.identifier(), missing);
                return new MissingClauseSyntax(Cover(own, mode), mode);
            }
            case EnergyLatenessClauseContext lateness:
            {
                var value = Duration(lateness.durationLiteral(), lateness);
                return new EnergyLatenessClauseSyntax(Cover(own, value), value);
            }
            default:
                return null;
        }
    }
}
