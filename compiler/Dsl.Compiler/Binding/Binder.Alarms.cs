using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

internal sealed partial class Binder
{
    private static readonly Dictionary<string, BinaryOperator> _comparisons = new(StringComparer.Ordinal)
    {
        [">"] = BinaryOperator.Greater,
        [">="] = BinaryOperator.GreaterOrEqual,
        ["<"] = BinaryOperator.Less,
        ["<="] = BinaryOperator.LessOrEqual,
        ["=="] = BinaryOperator.Equal,
        ["!="] = BinaryOperator.NotEqual,
    };

    private static readonly Regex _channelName = new("^[A-Za-z0-9_.-]+$", RegexOptions.CultureInvariant);

    private ImmutableArray<BoundAlarmRule> BindAlarms(IEnumerable<AlarmDeclarationSyntax> alarms)
    {
        var rules = ImmutableArray.CreateBuilder<BoundAlarmRule>();
        foreach (var rule in alarms.SelectMany(a => a.Rules))
        {
            // A line with a syntax error was reported there; what was left of its conditions is not checked again.
            var conditions = rule.HasSyntaxError ? new BoundAlarmCondition?[] { null } : rule.Conditions.Select(c => BindAlarmCondition(c) is { } bound ? bound with { Text = AsWritten(c) } : null).ToArray();
            var channels = new List<string>();
            foreach (var channel in rule.Channels)
            {
                if (_channelName.IsMatch(channel.Value))
                    channels.Add(channel.Value);
                else if (channel.Span.Length > 0)
                    Report(DiagnosticDescriptors.InvalidChannelName, channel.Span, channel.Value);
            }

            if (conditions.All(c => c is not null) && channels.Count == rule.Channels.Length && channels.Count > 0)
                rules.Add(new BoundAlarmRule([.. conditions.OfType<BoundAlarmCondition>()], [.. channels.Distinct()]));
        }
        return rules.ToImmutable();
    }

    /// <summary>A condition as written, its parts one space apart: what alarms and the daemon's status show.</summary>
    private string AsWritten(AlarmConditionSyntax syntax)
    {
        var parts = new List<string> { syntax.Metric.Text };
        if (syntax.Operator is { } op)
            parts.Add(op);
        if (syntax.Threshold is { } threshold)
            parts.Add(_source.Text.Substring(threshold.Span.Start, threshold.Span.Length));
        if (syntax.Per is { } per)
            parts.AddRange(["per", _source.Text.Substring(per.Span.Start, per.Span.Length)]);
        return string.Join(' ', parts);
    }

    private BoundAlarmCondition? BindAlarmCondition(AlarmConditionSyntax syntax)
    {
        var name = syntax.Metric;
        if (name.IsMissing)
            return null;
        if (!AlarmMetricFacts.TryGetMetric(name.Text, out var metric))
        {
            ReportUnknownWord(name, "alarm metric", AlarmMetricFacts.Names);
            return null;
        }

        var comparison = syntax.Operator is { } op && _comparisons.TryGetValue(op, out var known) ? known : (BinaryOperator?)null;
        switch (AlarmMetricFacts.ThresholdOf(metric))
        {
            case AlarmThreshold.None:
                if (syntax.Operator is null && syntax.Threshold is null && syntax.Per is null)
                    return new BoundAlarmCondition(metric, null, null, null, null);
                Report(DiagnosticDescriptors.InvalidAlarmCondition, syntax.Span, name.Text, $"is a state and takes no threshold; write \"on {name.Text}\"");
                return null;

            case AlarmThreshold.Duration:
                if (comparison is not null && syntax.Threshold is DurationSyntax limit && syntax.Per is null
                    && BindFixedDuration(limit, $"{name.Text} threshold", allowZero: true) is { } duration)
                    return new BoundAlarmCondition(metric, comparison, null, duration, null);
                if (syntax.Threshold is DurationSyntax && syntax.Per is null && comparison is not null)
                    return null;
                if (syntax.Threshold is DurationSyntax && comparison is not null && syntax.Per is { } extra)
                {
                    Report(DiagnosticDescriptors.InvalidAlarmCondition, extra.Span, name.Text, $"is a duration and takes no period ('per'); write \"on {name.Text} > 5m\"");
                    return null;
                }
                Report(DiagnosticDescriptors.InvalidAlarmCondition, syntax.Span, name.Text, $"is a duration and needs a duration threshold, e.g. \"on {name.Text} > 5m\"");
                return null;

            default:
                if (comparison is not null && syntax.Threshold is NumberLiteralSyntax number && number.Value >= 0 && syntax.Per is not null)
                {
                    if (BindFixedDuration(syntax.Per, "alarm period") is not { } per)
                        return null;
                    return new BoundAlarmCondition(metric, comparison, number.Value, null, per);
                }
                if (comparison is not null && syntax.Threshold is NumberLiteralSyntax { Value: < 0 } negative)
                {
                    Report(DiagnosticDescriptors.InvalidAlarmCondition, negative.Span, name.Text, $"counts events and its threshold cannot be negative, e.g. \"on {name.Text} > 0 per 10m\"");
                    return null;
                }
                Report(DiagnosticDescriptors.InvalidAlarmCondition, syntax.Span, name.Text, $"counts events and needs a number threshold and a period, e.g. \"on {name.Text} > 100 per 10m\"");
                return null;
        }
    }

    private BoundSchedule? BindSchedules(IReadOnlyList<ScheduleDeclarationSyntax> schedules)
    {
        if (schedules.Count == 0)
            return null;
        var first = schedules[0];
        foreach (var extra in schedules.Skip(1))
        {
            // Only the first applies, but a repeated one still has its content checked.
            Report(DiagnosticDescriptors.DuplicateDeclaration, KeywordSpan(extra, "schedule"), "schedule", LineOf(first.Span));
            BindSchedule(extra);
        }

        // The schedule's own content is checked whatever the channel: a job moved to offline
        // later should not reveal new mistakes. An invalid channel silences only DSL3035.
        var offline = _settings.Channel == JobChannel.Offline;
        if (!offline && !_channelUnknown)
            Report(DiagnosticDescriptors.ScheduleNeedsOffline, KeywordSpan(first, "schedule"));
        var schedule = BindSchedule(first);
        return offline ? schedule : null;
    }

    private static readonly string[] _scheduleKinds = ["once", "every", "daily", "cron", "on"];

    private BoundSchedule? BindSchedule(ScheduleDeclarationSyntax syntax)
    {
        var kind = syntax.Kind;
        switch (kind.Text)
        {
            case "once":
                return new BoundSchedule(ScheduleKind.Once, null, null, null);

            case "every":
                if (syntax.Every is null)
                {
                    ReportIncompleteSchedule(syntax, "every", "a period, e.g. schedule every 1h");
                    return null;
                }
                if (BindFixedDuration(syntax.Every, "schedule period") is not { } period)
                    return null;
                if (period.Milliseconds < 1000)
                {
                    Report(DiagnosticDescriptors.SchedulePeriodTooShort, syntax.Every.Span, period);
                    return null;
                }
                return new BoundSchedule(ScheduleKind.Every, period, null, null);

            case "daily":
                if (syntax.At is null)
                {
                    ReportIncompleteSchedule(syntax, "daily", "a time of day, e.g. schedule daily at 02:00");
                    return null;
                }
                if (syntax.At.Hour is < 0 or > 23 || syntax.At.Minute is < 0 or > 59)
                {
                    Report(DiagnosticDescriptors.InvalidTimeOfDay, syntax.At.Span, $"{syntax.At.Hour:D2}:{syntax.At.Minute:D2}");
                    return null;
                }
                return new BoundSchedule(ScheduleKind.Daily, null, new TimeOnly(syntax.At.Hour, syntax.At.Minute), null);

            case "cron":
                if (syntax.Pattern is null)
                {
                    ReportIncompleteSchedule(syntax, "cron", "a cron expression, e.g. schedule cron \"0 2 * * *\"");
                    return null;
                }
                if (!Dsl.Runtime.Time.CronExpression.TryParse(syntax.Pattern.Value, out var problem))
                {
                    Report(DiagnosticDescriptors.InvalidCron, syntax.Pattern.Span, syntax.Pattern.Value, problem);
                    return null;
                }
                return new BoundSchedule(ScheduleKind.Cron, null, null, syntax.Pattern.Value);

            case "on":
                if (syntax.Pattern is null || syntax.Pattern.Value.Length == 0)
                {
                    ReportIncompleteSchedule(syntax, "on file", "a file pattern, e.g. schedule on file \"incoming/*.jsonl\"");
                    return null;
                }
                return new BoundSchedule(ScheduleKind.OnFile, null, null, syntax.Pattern.Value);

            default:
                if (ScheduleWrittenAnotherWay(syntax) is { } hint)
                    Report(DiagnosticDescriptors.UnknownWord, kind.Span, kind.Text, "schedule", hint);
                else if (!kind.IsMissing)
                    ReportUnknownWord(kind, "schedule", _scheduleKinds);
                return null;
        }
    }

    // A syntax error on the schedule's line already said what the kind takes, and how the
    // schedule is written (`schedule every day at 02:00`): this would say it again.
    private void ReportIncompleteSchedule(ScheduleDeclarationSyntax syntax, string kind, string needs)
    {
        if (!syntax.HasSyntaxError)
            Report(DiagnosticDescriptors.ScheduleIncomplete, syntax.Span, kind, needs);
    }

    /// <summary>
    /// How the schedule meant by a kind of other schedulers (<c>hourly</c>, <c>weekly</c>) is written,
    /// in place of the kind, or by a time without its <c>daily</c> (<c>at 02:00</c>).
    /// </summary>
    private static string? ScheduleWrittenAnotherWay(ScheduleDeclarationSyntax syntax) =>
        (syntax.Kind.Text.ToLowerInvariant(), syntax.Every is null && syntax.At is null && syntax.Pattern is null) switch
        {
            ("hourly", true) => " Did you mean \"every 1h\"?",
            ("weekly", true) => " Did you mean \"every 1w\"?",
            ("at", _) when syntax.At is { } at => $" A schedule once a day at a time is written \"schedule daily at {at.Hour:D2}:{at.Minute:D2}\".",
            _ => null,
        };
}
