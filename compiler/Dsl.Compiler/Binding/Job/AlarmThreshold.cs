namespace Dsl.Compiler.Binding;

/// <summary>What an alarm condition on a metric compares with.</summary>
public enum AlarmThreshold
{
    /// <summary>Nothing: the metric is a state (<c>on failed</c>).</summary>
    None,

    /// <summary>A number of events over a period (<c>errors &gt; 100 per 10m</c>).</summary>
    Count,

    /// <summary>A duration, without a period (<c>lag &gt; 5m</c>).</summary>
    Duration,
}
