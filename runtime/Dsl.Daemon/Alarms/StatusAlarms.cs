using Dsl.Compiler.Binding;

namespace Dsl.Daemon.Alarms;

/// <summary>The conditions of alarm rules that a job's status alone decides.</summary>
internal static class StatusAlarms
{
    /// <summary>
    /// Each rule with only its <c>failed</c> and <c>stopped</c> conditions (a rule left with none is
    /// dropped): what can be judged of a job that has no run to count, measure or checkpoint.
    /// </summary>
    public static IReadOnlyList<BoundAlarmRule> Of(IEnumerable<BoundAlarmRule> rules) =>
        [.. rules
            .Select(rule => rule with { Conditions = [.. rule.Conditions.Where(c => c.Metric is AlarmMetric.Failed or AlarmMetric.Stopped)] })
            .Where(rule => rule.Conditions.Length > 0)];
}
