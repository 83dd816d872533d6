using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Dsl.Grammar;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using static Dsl.Grammar.StreamParser;

namespace Dsl.Compiler.Parsing;

internal sealed partial class AstBuilder
{
    private DeclarationSyntax? BuildDeclaration(DeclarationContext context) =>
        context.children?.OfType<ParserRuleContext>().FirstOrDefault() switch
        {
            JobDeclarationContext job => BuildJob(job),
            ImportDeclarationContext import => BuildImport(import),
            SettingsDeclarationContext settings => BuildSettings(settings),
            ModelDeclarationContext model => BuildModel(model),
            AggregateRuleContext aggregate => BuildAggregate(aggregate),
            MergeRuleContext merge => BuildMerge(merge),
            EnergyRuleContext energy => BuildEnergy(energy),
            AlarmDeclarationContext alarm => BuildAlarm(alarm),
            ScheduleDeclarationContext schedule => BuildSchedule(schedule),
            _ => null,
        };

    private JobDeclarationSyntax BuildJob(JobDeclarationContext context)
    {
        var name = Name(context.name, context);
        var description = context.description == null ? null : String(context.description, context);
        return new JobDeclarationSyntax(Cover(SpanOf(context), name, description), name, description);
    }

    private ImportDeclarationSyntax BuildImport(ImportDeclarationContext context)
    {
        var path = String(context.path, context);
        return new ImportDeclarationSyntax(Cover(SpanOf(context), path), path);
    }

    private SettingsDeclarationSyntax BuildSettings(SettingsDeclarationContext context)
    {
        var settings = context.setting().Select(BuildSetting).ToImmutableArray();
        return new SettingsDeclarationSyntax(Cover(SpanOf(context), settings), settings);
    }

    private SettingSyntax BuildSetting(SettingContext context)
    {
        var key = Name(context.key, context);
        SyntaxNode value = context.settingValue() switch
        {
            DurationSettingContext duration => Duration(duration.durationLiteral(), duration),
            StringSettingContext text => String(text.stringLiteral(), text),
            NumberSettingContext number => Number(number.numberLiteral(), number, number.MINUS()?.Symbol),
            BooleanSettingContext boolean => new BooleanLiteralSyntax(SpanOf(boolean), boolean.TRUE() != null),
            NameSettingContext name => NameExpression(name.identifier(), name),
            { } broken => new MissingExpressionSyntax(new TextSpan(SpanOf(broken).Start, 0)),
            null => new MissingExpressionSyntax(MissingIn(context)),
        };
        return new SettingSyntax(Cover(SpanOf(context), key, value), key, value);
    }

    private ModelDeclarationSyntax BuildModel(ModelDeclarationContext context)
    {
        var name = Name(context.name, context);
        var members = context.modelMember()
            .Select(member => member.children?.OfType<ParserRuleContext>().FirstOrDefault() switch
            {
                PointDeclarationContext point => (ModelMemberSyntax)BuildPoint(point),
                AttributeDeclarationContext attribute => BuildAttribute(attribute),
                _ => null,
            })
            .OfType<ModelMemberSyntax>()
            .ToImmutableArray();
        return new ModelDeclarationSyntax(Cover(Cover(SpanOf(context), name), members), name, members);
    }

    // Reports a second unit or range after a member (the member is read as written), and
    // returns the span of the member without it.
    private TextSpan ReportStrayWord(ParserRuleContext member, ParserRuleContext? stray)
    {
        var span = SpanOf(member);
        // A stray word the parser could not read (`range` whose interval is not in brackets) was
        // reported by the parser, as what it is.
        if (stray == null || stray.exception != null)
            return span;
        var index = member.children.IndexOf(stray);
        var before = index > 0 ? member.children[index - 1] switch
        {
            ParserRuleContext rule => rule.Stop,
            ITerminalNode terminal => terminal.Symbol,
            _ => null,
        } : null;
        var word = stray.Start;
        var hint = stray is StrayRangeContext ? " A point has one range."
            : before != null && (TokenFacts.IsName(before.Type) || before.Type == StreamLexer.STRING) ? " A point has one unit."
            : "";
        diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, SpanOf(word), SyntaxErrorMessages.DescribeToken(word, text), SyntaxErrorMessages.StrayWordInModel, hint);
        return before == null || before.TokenIndex < 0 ? span : TextSpan.FromBounds(span.Start, Math.Max(span.Start, before.StopIndex + 1));
    }

    private PointDeclarationSyntax BuildPoint(PointDeclarationContext context)
    {
        var kind = Name(context.kind, context);
        var name = Name(context.name, context);
        var type = context.typeAnnotation() is { } annotation ? Type(annotation) : null;
        var unit = context.unit() is { } unitContext ? Unit(unitContext) : null;
        var range = context.RANGE() != null ? Interval(context.interval(), context, depth: 0) : null;
        // A second unit may stand before the range too (`ai A kW kW range [0, 1]`): each stray part is
        // reported, and the span ends before the first, but takes in the range after it.
        var spans = context.strayMemberWord().Append<ParserRuleContext?>(context.strayRange()).OfType<ParserRuleContext>()
            .OrderBy(stray => stray.Start.TokenIndex)
            .Select(stray => ReportStrayWord(context, stray))
            .ToArray();
        var span = spans.Length > 0 ? spans[0] : SpanOf(context);
        foreach (var stray in context.strayDefault())
            ReportPointDefault(stray, name.Text);
        return new PointDeclarationSyntax(Cover(span, kind, name, type, unit, range), kind, name, type, unit, range);
    }

    /// <summary>
    /// A default after a point, as an attribute has one: a point's value comes from its records,
    /// and a rule gives one for a missing value itself.
    /// </summary>
    private void ReportPointDefault(StrayDefaultContext stray, string point)
    {
        if (stray.exception != null)
            return;
        var assign = stray.ASSIGN().Symbol;
        // The value as written when it is a literal; another expression would not read well in the sentence.
        var value = stray.expression() is { } expression && expression.Start.Line == assign.Line && expression.GetText() is var written
            && (LiteralDecoder.TryParseNumber(written.TrimStart('-'), out _, out _) || written is "true" or "false" || (written.StartsWith('"') && written.Length <= 24))
            ? written
            : "0";
        diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, SpanOf(assign), SyntaxErrorMessages.DescribeToken(assign, text),
            "a unit, a range or the end of the point's line",
            $" A point has no default value: in a rule, coalesce({point}, {value}) gives {value} for a missing {point}.");
    }

    private AttributeDeclarationSyntax BuildAttribute(AttributeDeclarationContext context)
    {
        // `attribut R = 5`: read as the attribute it was meant to be, so the word is the one error.
        if (context.misspelt is { } misspelt)
        {
            diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, SpanOf(misspelt), SyntaxErrorMessages.DescribeToken(misspelt, text),
                SyntaxErrorMessages.ModelMember, " Did you mean \"attribute\"?");
        }
        var name = Name(context.name, context);
        var type = context.typeAnnotation() is { } annotation ? Type(annotation) : null;
        var defaultValue = context.ASSIGN() != null ? Expression(context.defaultValue, context) : null;
        var unit = context.unit() is { } unitContext ? Unit(unitContext) : null;
        return new AttributeDeclarationSyntax(Cover(ReportStrayWord(context, context.strayMemberWord()), name, type, defaultValue, unit), name, type, defaultValue, unit);
    }

    // The span is the type name's: the ':' before it belongs to the declaration.
    private TypeSyntax Type(TypeAnnotationContext context)
    {
        var name = Name(context.identifier(), context);
        return new TypeSyntax(name.Span, name);
    }

    private UnitSyntax? Unit(UnitContext context)
    {
        if (context.stringLiteral() is { } quoted)
        {
            var value = String(quoted, context);
            return new UnitSyntax(value.Span, value.Value, IsQuoted: true);
        }
        var name = Name(context.identifier(), context);
        return name.IsMissing ? null : new UnitSyntax(name.Span, name.Text, IsQuoted: false);
    }

    private AlarmDeclarationSyntax BuildAlarm(AlarmDeclarationContext context)
    {
        var parsed = context.alarmRule();
        var rules = ImmutableArray.CreateBuilder<AlarmRuleSyntax>(parsed.Length);
        for (var i = 0; i < parsed.Length; i++)
        {
            // What recovery skipped after a rule (`on errors 5 per 10m …`) belongs to it, up to the next rule.
            var end = i + 1 < parsed.Length ? SpanOf(parsed[i + 1]).Start
                : context.RBRACE() is { Symbol.TokenIndex: >= 0 } close ? close.Symbol.StartIndex : SpanOf(context).End;
            rules.Add(BuildAlarmRule(parsed[i], end));
        }
        var built = rules.MoveToImmutable();
        return new AlarmDeclarationSyntax(Cover(SpanOf(context), built), built);
    }

    private AlarmRuleSyntax BuildAlarmRule(AlarmRuleContext context, int end)
    {
        var conditions = context.alarmCondition().Select(BuildAlarmCondition).ToImmutableArray();
        var channels = context.stringLiteral().Select(channel => String(channel, context)).ToImmutableArray();
        var hasSyntaxError = diagnostics.HasAnyIn(SpanOf(context).Start, Math.Max(end, SpanOf(context).End));
        return new AlarmRuleSyntax(Cover(Cover(SpanOf(context), conditions), channels), conditions, channels, hasSyntaxError);
    }

    private AlarmConditionSyntax BuildAlarmCondition(AlarmConditionContext context)
    {
        var metric = Name(context.metric, context);
        var comparison = context.comparison();
        var op = comparison == null ? null : RealToken(comparison) is { } token ? TextOf(token) : null;
        SyntaxNode? threshold = comparison == null
            ? null
            : context.alarmThreshold() switch
            {
                { } limit when limit.durationLiteral() is { } duration => Duration(duration, limit),
                { } limit when limit.numberLiteral() is { } number => Number(number, limit, limit.MINUS()?.Symbol),
                { } limit => new MissingExpressionSyntax(MissingIn(limit)),
                null => new MissingExpressionSyntax(MissingIn(context)),
            };
        var per = context.PER() != null ? Duration(context.per, context) : null;
        return new AlarmConditionSyntax(Cover(SpanOf(context), metric, threshold, per), metric, op, threshold, per);
    }

    private ScheduleDeclarationSyntax BuildSchedule(ScheduleDeclarationContext context)
    {
        var kind = Name(context.kind, context);
        var argument = context.scheduleArgument();
        var every = argument?.durationLiteral() is { } duration ? Duration(duration, argument) : null;
        var at = argument?.timeOfDay() is { } time ? TimeOfDay(time) : null;
        var pattern = argument?.stringLiteral() is { } literal ? String(literal, argument) : null;

        // The binder checks that the argument suits the kind; the joining words are syntax.
        if (context.exception == null && argument?.exception == null)
        {
            if (kind.Text == "daily" && at != null && argument?.AT() == null)
                diagnostics.Report(DiagnosticDescriptors.MissingToken, at.Span, "'at'", "'daily'");
            else if (kind.Text == "on" && pattern != null && argument?.FILE() == null)
                diagnostics.Report(DiagnosticDescriptors.MissingToken, pattern.Span, "'file'", "'on'");
        }
        // Recovery skipped what followed the kind on its line (`every day at 02:00`) after reporting it.
        var lineEnd = text.IndexOfAny(['\n', '\r'], SpanOf(context).End);
        var hasSyntaxError = diagnostics.HasAnyIn(SpanOf(context).Start, lineEnd < 0 ? text.Length : lineEnd);
        return new ScheduleDeclarationSyntax(Cover(SpanOf(context), kind, every, at, pattern), kind, every, at, pattern, hasSyntaxError);
    }
}
