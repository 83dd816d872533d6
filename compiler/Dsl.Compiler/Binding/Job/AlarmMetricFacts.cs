namespace Dsl.Compiler.Binding;

/// <summary>
/// The alarm metrics by the names a job writes them with, and the threshold each takes: the
/// binder accepts exactly these, and the editor offers them.
/// </summary>
public static class AlarmMetricFacts
{
    private static readonly (string Name, AlarmMetric Metric, AlarmThreshold Threshold)[] _metrics =
    [
        ("failed", AlarmMetric.Failed, AlarmThreshold.None),
        ("stopped", AlarmMetric.Stopped, AlarmThreshold.None),
        ("errors", AlarmMetric.Errors, AlarmThreshold.Count),
        ("late", AlarmMetric.Late, AlarmThreshold.Count),
        ("invalid", AlarmMetric.Invalid, AlarmThreshold.Count),
        ("skipped", AlarmMetric.Skipped, AlarmThreshold.Count),
        ("ignored", AlarmMetric.Ignored, AlarmThreshold.Count),
        ("input", AlarmMetric.Input, AlarmThreshold.Count),
        ("output", AlarmMetric.Output, AlarmThreshold.Count),
        ("lag", AlarmMetric.Lag, AlarmThreshold.Duration),
        ("checkpoint_age", AlarmMetric.CheckpointAge, AlarmThreshold.Duration),
    ];

    private static readonly Dictionary<string, AlarmMetric> _byName = _metrics.ToDictionary(m => m.Name, m => m.Metric, StringComparer.Ordinal);

    /// <summary>The names of the metrics, in the order of the language reference.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. _metrics.Select(m => m.Name)];

    public static bool TryGetMetric(string name, out AlarmMetric metric) => _byName.TryGetValue(name, out metric);

    public static AlarmThreshold ThresholdOf(AlarmMetric metric) => _metrics.First(m => m.Metric == metric).Threshold;
}
