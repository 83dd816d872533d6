using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

internal sealed partial class Binder
{
    private BoundMergeRule? BindMerge(MergeRuleSyntax syntax, int ordinal)
    {
        var model = BindRuleModel(syntax);

        Duration? period = null;
        var triggerOk = true;
        if (syntax.Trigger is EveryTriggerSyntax every)
        {
            period = BindPeriod(every.Period, "trigger period");
            WarnIfNoTimeZone(period, every.Period, $"{period} trigger");
            triggerOk = period is not null;
        }

        var (hold, optionsOk) = BindMergeOptions(syntax, period);
        optionsOk &= HasOutputs(syntax, syntax.HasEmptyBody, "merge", "Name = expression");
        if (model is null)
            return null;

        _semantic.Scopes.Add(new RuleScope(_source, syntax.Span, model, RuleKind.Merge));
        PointSymbol? triggerPoint = null;
        if (syntax.Trigger is OnPointTriggerSyntax on)
        {
            triggerPoint = BindPointReference(on.Point, model, "the trigger");
            triggerOk = triggerPoint is not null;
        }

        var line = LineOf(syntax.Span);
        var targets = new Dictionary<PointSymbol, int>();
        var outputs = new List<BoundMergeOutput>();
        var complete = true;
        foreach (var output in syntax.Outputs)
        {
            if (BindMergeOutput(output, model, line, targets, triggerPoint) is { } bound)
                outputs.Add(bound);
            else
                complete = false;
        }

        if (triggerPoint is not null && targets.ContainsKey(triggerPoint) && syntax.Trigger is OnPointTriggerSyntax trigger)
        {
            Report(DiagnosticDescriptors.TriggerIsOutput, trigger.Point.Span, triggerPoint.Name);
            triggerOk = false;
        }

        // Grid times are reached by the event time of the block's inputs; a block with none
        // (time functions, attributes and constants only) would silently never run.
        if (syntax.Trigger is EveryTriggerSyntax everyTrigger && period is { } gridPeriod && complete
            && outputs.Count > 0 && outputs.All(output => output.Reads.IsEmpty))
        {
            Report(DiagnosticDescriptors.MergeEveryReadsNoPoint, everyTrigger.Period.Span, gridPeriod, model.Name);
            triggerOk = false;
        }

        if (!triggerOk || !optionsOk || !complete)
        {
            ReportOutputReadingOutput(syntax, model, line, targets, outputs);
            return null;
        }
        BoundMergeTrigger boundTrigger = triggerPoint is not null ? new BoundOnPointTrigger(triggerPoint) : new BoundEveryTrigger(period ?? Duration.Zero);
        return new BoundMergeRule(model, ordinal, _source, syntax.Span, boundTrigger, hold, [.. outputs]);
    }

    /// <summary>
    /// The rule graph finds an output that reads another of its block (DSL3061) only in the blocks
    /// that bind; one with another error is checked here, so that both errors show in one pass.
    /// </summary>
    private void ReportOutputReadingOutput(MergeRuleSyntax syntax, ModelSymbol model, int line, Dictionary<PointSymbol, int> targets, List<BoundMergeOutput> outputs)
    {
        if (outputs.SelectMany(o => o.Reads).FirstOrDefault(targets.ContainsKey) is { } point)
            ReportReadsOwnOutput(KeywordSpan(syntax, "merge"), $"merge {model.Name} (line {line})", model, point,
                outputs.Any(output => output.Target == point && output.Reads.Contains(point)));
    }

    private (Duration? Hold, bool Ok) BindMergeOptions(MergeRuleSyntax syntax, Duration? period)
    {
        Duration? hold = null;
        var ok = true;
        var seen = new HashSet<Type>();
        foreach (var option in syntax.Options)
        {
            if (!seen.Add(option.GetType()))
            {
                Report(DiagnosticDescriptors.DuplicateClause, option.Span, $"{OptionName(option)} option");
                continue;
            }
            if (option is not HoldOptionSyntax holdOption)
            {
                Report(DiagnosticDescriptors.OptionNotAllowed, option.Span, OptionName(option), "merge");
                ok = false;
                continue;
            }

            hold = BindFixedDuration(holdOption.Hold, "hold");
            if (hold is null)
                ok = false;
            else if (period is { } p && hold.Value.Milliseconds < LongestLength(p))
                Report(DiagnosticDescriptors.HoldShorterThanPeriod, holdOption.Hold.Span, hold.Value, p, SufficientHold(p));
        }
        return (hold, ok);
    }

    /// <summary>
    /// The hold that covers every period: the period itself for a fixed one, and for a calendar
    /// one its longest length in hours, since a hold is a fixed length and cannot be written in months.
    /// </summary>
    private static string SufficientHold(Duration period)
    {
        if (!period.IsCalendar)
            return period.ToString();
        var unit = period.Unit switch { DurationUnit.Days => "day", DurationUnit.Weeks => "week", _ => "month" };
        return $"{LongestLength(period) / Duration.UnitMilliseconds(DurationUnit.Hours)}h, the longest a local {unit} can be";
    }

    private BoundMergeOutput? BindMergeOutput(MergeOutputSyntax syntax, ModelSymbol model, int ruleLine, Dictionary<PointSymbol, int> targets, PointSymbol? trigger)
    {
        var target = BindTarget(syntax.Target, model, RuleKind.Merge, ruleLine, targets, notWritable: trigger);
        // A value cut short by a syntax error (`F = Q = 0`, `O = M:P`) is only the start of the
        // one meant: neither its names (`M`) nor its type say anything.
        var value = syntax.IsCutShort
            ? Quietly(() => BindExpression(syntax.Value, BindingContext.Merge(model)))
            : BindExpression(syntax.Value, BindingContext.Merge(model));
        if (target is null || value.Type == DataType.Error || target.Type == DataType.Error || syntax.IsCutShort)
            return null;

        if (!value.Type.IsAssignableTo(target.Type))
        {
            Report(DiagnosticDescriptors.ValueTypeMismatch, syntax.Target.Span, "point", target.Name, target.Type.ToKeyword(), value.Type.ToKeyword());
            return null;
        }
        var converted = ConvertTo(value, target.Type);
        return new BoundMergeOutput(target, converted, [.. converted.ReadPoints()]);
    }
}
