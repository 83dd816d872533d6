using System.Globalization;
using System.Text;
using Dsl.Compiler.Binding;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Tests.Baselines;

/// <summary>
/// A readable dump of a bound job for the <c>main.bound.txt</c> baselines: what the code
/// generator will receive, with every conversion and type spelled out.
/// </summary>
internal static class BoundTreePrinter
{
    public static string Print(BoundJob job)
    {
        var output = new StringBuilder();
        output.Append($"job {job.Name}");
        if (job.Description is not null)
            output.Append($" \"{job.Description}\"");
        output.Append('\n');

        var s = job.Settings;
        output.Append($"settings channel={s.Channel.ToString().ToLowerInvariant()} timezone={s.TimeZone}{(s.HasTimeZone ? "" : " (default)")} lateness={s.Lateness} idle={s.Idle}\n");

        foreach (var model in job.Models)
        {
            output.Append($"model {model.Name} ({Path.GetFileName(model.DeclaringFile.Path)})\n");
            foreach (var point in model.Points)
            {
                output.Append($"  point {point.Name}: {KindWord(point.PointKind)} {point.Type.ToKeyword()}");
                if (point.Unit is not null)
                    output.Append($" unit={point.Unit}");
                if (point.Range is not null)
                    output.Append($" range={point.Range}");
                output.Append('\n');
            }
            foreach (var attribute in model.Attributes)
            {
                output.Append($"  attribute {attribute.Name}: {attribute.Type.ToKeyword()}");
                if (attribute.DefaultValue is not null)
                    output.Append($" default={Format(attribute.DefaultValue)}");
                if (attribute.Unit is not null)
                    output.Append($" unit={attribute.Unit}");
                output.Append('\n');
            }
        }

        foreach (var rule in job.Rules)
        {
            output.Append($"rule {rule.DisplayName}\n");
            switch (rule)
            {
                case BoundAggregateRule aggregate:
                    PrintAggregate(output, aggregate);
                    break;
                case BoundMergeRule merge:
                    PrintMerge(output, merge);
                    break;
                case BoundEnergyRule energy:
                    PrintEnergy(output, energy);
                    break;
            }
        }

        foreach (var edge in job.Graph.Edges)
            output.Append($"edge {edge.From.DisplayName} -[{edge.Point.Name}]-> {edge.To.DisplayName}\n");
        if (job.Graph.Inputs.Length > 0)
            output.Append($"inputs {string.Join(", ", job.Graph.Inputs.Select(p => p.QualifiedName))}\n");
        if (job.Graph.Outputs.Length > 0)
            output.Append($"outputs {string.Join(", ", job.Graph.Outputs.Select(p => p.QualifiedName))}\n");

        foreach (var alarm in job.Alarms)
        {
            var conditions = alarm.Conditions.Select(c =>
                c.Metric + (c.Comparison is { } op ? $" {op}" : "") + (c.Threshold is { } t ? $" {Format(t)}" : "")
                + (c.DurationThreshold is { } d ? $" {d}" : "") + (c.Per is { } per ? $" per {per}" : ""));
            output.Append($"alarm on {string.Join(", ", conditions)} notify {string.Join(", ", alarm.Channels)}\n");
        }
        if (job.Schedule is { } schedule)
            output.Append($"schedule {schedule.Kind} every={schedule.Every?.ToString() ?? "-"} at={schedule.At?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "-"} pattern={schedule.Pattern ?? "-"}\n");
        return output.ToString();
    }

    private static void PrintAggregate(StringBuilder output, BoundAggregateRule rule)
    {
        var window = rule.Window switch
        {
            BoundTumblingWindow t => $"tumbling {Period(t.Size)} offset {t.Offset}",
            BoundHoppingWindow h => $"hopping {h.Size} step {h.Step}",
            BoundSessionWindow s => $"session gap {s.Gap} max {s.Max?.ToString() ?? "-"}",
            _ => "?",
        };
        output.Append($"  window {window}\n");
        output.Append($"  lateness {rule.Lateness} emit {rule.Emit}{(rule.EarlyEvery is { } e ? $" every {e}" : "")} stamp {rule.Stamp}\n");
        foreach (var o in rule.Outputs)
        {
            output.Append($"  {o.Target.Name} = {o.Function}({Expression(o.Argument)}");
            if (o.Percentile is { } p)
                output.Append($", {Format(p)}");
            output.Append($") : {o.ResultType.ToKeyword()} input {o.Input.Name}");
            if (o.Where is not null)
                output.Append($" where {Expression(o.Where)}");
            if (o.Fill is { } fill)
                output.Append($" fill {Format(fill)}");
            output.Append('\n');
        }
    }

    private static void PrintMerge(StringBuilder output, BoundMergeRule rule)
    {
        var trigger = rule.Trigger switch
        {
            BoundOnPointTrigger on => $"on {on.Point.Name}",
            BoundEveryTrigger every => $"every {Period(every.Period)}",
            _ => "?",
        };
        output.Append($"  trigger {trigger} hold {rule.Hold?.ToString() ?? "-"}\n");
        foreach (var o in rule.Outputs)
            output.Append($"  {o.Target.Name} = {Expression(o.Value)} : {o.Value.Type.ToKeyword()} reads {(o.Reads.IsEmpty ? "(none)" : string.Join(", ", o.Reads.Select(p => p.Name)))}\n");
    }

    private static void PrintEnergy(StringBuilder output, BoundEnergyRule rule)
    {
        output.Append($"  source {rule.SourcePoint.Name} by {rule.Method}{(rule.InputToKilo != 1 ? $" (input ×{rule.InputToKilo.ToString(System.Globalization.CultureInfo.InvariantCulture)} to kW/kWh)" : "")}\n");
        if (rule.Slope is not null)
            output.Append($"  slope {Interval(rule.Slope)}\n");
        output.Append($"  scale {Expression(rule.Scale)}\n");
        if (rule.Daily is not null)
            output.Append($"  daily {rule.Daily.Name}\n");
        if (rule.Every is not null)
            output.Append($"  every {Period(rule.Every.Period)} {rule.Every.Target.Name}\n");
        if (rule.Rollover is { } rollover)
            output.Append($"  rollover {Format(rollover)}\n");
        if (rule.Range is not null)
            output.Append($"  range {Interval(rule.Range)}\n");
        output.Append($"  missing {rule.Missing} split {rule.Split} lateness {rule.Lateness}\n");
    }

    private static string Period(Duration duration) => duration.IsCalendar ? $"{duration} (calendar)" : duration.ToString();

    private static string Interval(BoundInterval interval) =>
        $"{(interval.LowerInclusive ? "[" : "(")}{Expression(interval.Lower)}, {Expression(interval.Upper)}{(interval.UpperInclusive ? "]" : ")")}";

    private static string Expression(BoundExpression expression) => expression switch
    {
        BoundLiteral literal => Format(literal.Value),
        BoundPointReference point => point.Point.Name,
        BoundAttributeReference attribute => $"attr:{attribute.Attribute.Name}",
        BoundConversion conversion => $"({conversion.Type.ToKeyword()}){Expression(conversion.Operand)}",
        BoundUnaryExpression unary => $"({(unary.Operator == UnaryOperator.Negate ? "-" : "!")}{Expression(unary.Operand)})",
        BoundBinaryExpression binary => $"({Expression(binary.Left)} {binary.Operator} {Expression(binary.Right)})",
        BoundConditionalExpression conditional => $"({Expression(conditional.Condition)} ? {Expression(conditional.WhenTrue)} : {Expression(conditional.WhenFalse)})",
        BoundCallExpression call => $"{call.Function}({string.Join(", ", call.Arguments.Select(Expression))})",
        BoundHistoryCall history => $"{history.Function}({history.Point.Name})",
        BoundTimeCall time => $"{time.Function}()",
        BoundInExpression test => $"({Expression(test.Operand)} in {Interval(test.Interval)})",
        _ => "<error>",
    };

    private static string Format(object value) => value switch
    {
        double d when double.IsPositiveInfinity(d) => "+inf",
        double d when double.IsNegativeInfinity(d) => "-inf",
        double d => d.ToString("0.0###############", CultureInfo.InvariantCulture),
        long l => $"{l}L",
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? "",
    };

    private static string KindWord(PointKind kind) => kind switch
    {
        PointKind.Analog => "ai",
        PointKind.Digital => "di",
        PointKind.Pulse => "pi",
        _ => "generic",
    };
}
