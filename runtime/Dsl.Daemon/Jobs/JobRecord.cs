using Dsl.Control.V1;
using Dsl.Daemon.Schedules;

namespace Dsl.Daemon.Jobs;

/// <summary>What the daemon remembers of a job across restarts (<c>DATA/jobs.json</c>).</summary>
public sealed class JobRecord
{
    /// <summary>The job's name.</summary>
    public required string Name { get; init; }

    /// <summary>Its lifecycle status.</summary>
    public JobStatus Status { get; set; } = JobStatus.Released;

    /// <summary>When it entered the status.</summary>
    public DateTimeOffset Since { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Why, when not asked for.</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>
    /// Whether a release removed the job. Its record is kept so that the job, released again,
    /// goes on counting its versions; it then starts over as newly released.
    /// </summary>
    public bool Removed { get; set; }

    /// <summary>
    /// The status the job had when a start of the daemon failed it because its released version did
    /// not compile; null otherwise. The version that compiles brings the status back (a running job
    /// resumes from its checkpoint, as the start would have resumed it); a stop forgets it.
    /// </summary>
    public JobStatus? StatusBeforeBuildFailure { get; set; }

    /// <summary>The online version number: N of its release tag <c>JOB/vN</c> (without the release hooks, a count of deployed versions).</summary>
    public uint Version { get; set; }

    /// <summary>The release commit's short hash.</summary>
    public string Commit { get; set; } = string.Empty;

    /// <summary>The hash of the online version's sources (its manifest version).</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>When the online version was released.</summary>
    public DateTimeOffset ReleasedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Numbers the runs (fresh starts); each run writes its own output files.</summary>
    public int Run { get; set; }

    /// <summary>The channel address a fresh start began at (used until its first checkpoint).</summary>
    public long StartAddress { get; set; }

    /// <summary>
    /// Where a scheduled job's last run stopped reading (its checkpoint's position), so that the
    /// channel keeps what its next run reads; null until its run's first batch (the start address).
    /// </summary>
    public long? BatchPosition { get; set; }

    /// <summary>When a scheduled job was last started (its schedule counts from here).</summary>
    public DateTimeOffset? Armed { get; set; }

    /// <summary>The latest runs of a scheduled job, newest last (at most 20).</summary>
    public List<ScheduledRun> Runs { get; set; } = [];

    /// <summary>
    /// The status as the job's alarms see it: an armed scheduled job whose latest run since it was
    /// armed failed is failed until a run succeeds. It stays armed, as a later run may succeed, but
    /// a run that fails is what <c>on failed</c> is written for.
    /// </summary>
    public JobStatus AlarmStatus(bool scheduled) =>
        scheduled && Status == JobStatus.Running
            && Runs.LastOrDefault(r => r.Status != JobStatus.Running && r.Started >= Armed) is { Status: JobStatus.Failed }
            ? JobStatus.Failed
            : Status;

    /// <summary>The latest checkpoint of the job's state; null while it has none (not run yet, or stopped).</summary>
    public CheckpointFigures? LastCheckpoint { get; set; }
}
