namespace Dsl.Compiler.Binding;

/// <summary>Where a job's records come from.</summary>
public enum JobChannel
{
    /// <summary>A live stream, processed as it arrives (the default).</summary>
    Realtime,

    /// <summary>Files processed in runs, optionally on a schedule.</summary>
    Offline,
}
