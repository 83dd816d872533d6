namespace Dsl.Compiler.Binding;

/// <summary>What an alarm condition watches. See docs/language.md for which take a threshold.</summary>
public enum AlarmMetric
{
    /// <summary><c>failed</c>: the job entered the failed state (no threshold).</summary>
    Failed,

    /// <summary><c>stopped</c>: the job stopped (no threshold).</summary>
    Stopped,

    /// <summary><c>errors</c>: records written to the error log, per period.</summary>
    Errors,

    /// <summary><c>late</c>: late records dropped, per period.</summary>
    Late,

    /// <summary><c>invalid</c>: invalid values (outside a range, NaN results), per period.</summary>
    Invalid,

    /// <summary><c>skipped</c>: evaluations skipped for a missing value, per period.</summary>
    Skipped,

    /// <summary><c>ignored</c>: records of models or points the job does not use, per period.</summary>
    Ignored,

    /// <summary><c>input</c>: records read, per period.</summary>
    Input,

    /// <summary><c>output</c>: records written, per period.</summary>
    Output,

    /// <summary><c>lag</c>: how far the watermark is behind the wall clock (a duration threshold).</summary>
    Lag,

    /// <summary><c>checkpoint_age</c>: time since the last checkpoint (a duration threshold).</summary>
    CheckpointAge,
}
