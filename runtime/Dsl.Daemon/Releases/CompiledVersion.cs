using Dsl.Compiler.Binding;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;

namespace Dsl.Daemon.Releases;

/// <summary>One loaded version of a job.</summary>
/// <param name="Loaded">The job assembly in its collectible context.</param>
/// <param name="Alarms">The job's <c>alarm</c> rules, evaluated by the daemon.</param>
/// <param name="Schedule">The job's schedule, for offline jobs that have one.</param>
/// <param name="Commit">The release commit's short hash (or <c>inline</c> for previews).</param>
/// <param name="Source">The job file's text.</param>
public sealed record CompiledVersion(LoadedJob Loaded, IReadOnlyList<BoundAlarmRule> Alarms, BoundSchedule? Schedule, string Commit, string Source)
{
    /// <summary>The compiled job.</summary>
    public CompiledJob Job => Loaded.Job;

    /// <summary>The job's manifest (name, channel, source hash).</summary>
    public JobManifest Manifest => Loaded.Job.Manifest;
}
