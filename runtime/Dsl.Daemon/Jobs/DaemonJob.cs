using Dsl.Daemon.Releases;

namespace Dsl.Daemon.Jobs;

/// <summary>A job the daemon holds: its record, online version, worker when started, and error log.</summary>
internal sealed class DaemonJob
{
    public DaemonJob(JobRecord record, CompiledVersion version)
    {
        Record = record;
        Version = version;
    }

    public JobRecord Record { get; }

    public CompiledVersion Version { get; set; }

    public JobWorker? Worker { get; set; }

    public BoundedErrorLog Errors { get; } = new();

    /// <summary>Counters of the last run, kept for monitoring after it paused or stopped.</summary>
    public IReadOnlyDictionary<string, long>? LastCounters { get; set; }

    public Throughput Rate { get; } = new();

    /// <summary>The run of a scheduled job in progress, if any.</summary>
    public Task? Batch { get; set; }

    /// <summary>True for an offline job with a schedule: started means armed, runs happen at its times.</summary>
    public bool IsScheduled => Version.Schedule is not null && Version.Manifest.Channel == Runtime.Jobs.JobChannel.Offline;
}
