namespace Dsl.Runtime.Hosting;

/// <summary>What a run counts; the names in <see cref="RunCounters.Name"/> are the ones users see.</summary>
public enum Counter
{
    RecordsRead,
    Ignored,
    Invalid,
    Late,
    SkippedMissing,
    SkippedAttribute,
    InvalidResults,
    DiscardedSteps,
    Outputs,
    Errors,
}
