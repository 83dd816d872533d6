using Dsl.Control.V1;

namespace Dsl.Daemon.Schedules;

/// <summary>One run of a scheduled offline job, as recorded in <c>DATA/jobs.json</c>.</summary>
public sealed class ScheduledRun
{
    /// <summary>When it started.</summary>
    public DateTimeOffset Started { get; set; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? Ended { get; set; }

    /// <summary>What started it: the schedule, or the file that arrived.</summary>
    public string Trigger { get; set; } = string.Empty;

    /// <summary>Running while it runs, stopped when it finished, failed when it failed.</summary>
    public JobStatus Status { get; set; } = JobStatus.Running;

    /// <summary>Records read by the run.</summary>
    public long Records { get; set; }

    /// <summary>Why it failed.</summary>
    public string Error { get; set; } = string.Empty;

    /// <summary>
    /// Cut off by the daemon's stop or a crash: it committed nothing, and the daemon's next start
    /// runs the job again at once rather than at its next time.
    /// </summary>
    public bool CutOff { get; set; }
}
