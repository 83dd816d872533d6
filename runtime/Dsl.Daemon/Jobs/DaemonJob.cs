using Dsl.Compiler.Binding;
using Dsl.Daemon.Releases;

namespace Dsl.Daemon.Jobs;

/// <summary>A job the daemon holds: its record, online version, worker when started, and error log.</summary>
internal sealed class DaemonJob
{
    public DaemonJob(JobRecord record, CompiledVersion? version)
    {
        Record = record;
        Version = version;
    }

    public JobRecord Record { get; }

    /// <summary>The online version; null while the released one does not compile (see <see cref="BuildFailure"/>).</summary>
    public CompiledVersion? Version { get; set; }

    /// <summary>
    /// Why the job has no <see cref="Version"/>: its released version did not compile when the
    /// daemon started (<c>version 3 does not compile: jobs/x.stream(4,7): DSL2001: …</c>).
    /// </summary>
    public string? BuildFailure { get; set; }

    /// <summary>
    /// While <see cref="BuildFailure"/> is set: the <c>failed</c> and <c>stopped</c> conditions of the
    /// alarm rules of the version that does not compile. They need nothing but the job's status, so
    /// they are judged meanwhile; the rest of its rules need a run.
    /// </summary>
    public IReadOnlyList<BoundAlarmRule> StatusAlarms { get; set; } = [];

    /// <summary>The online version, for what only a job that has one does (a worker, a preview).</summary>
    public CompiledVersion Online => Version ?? throw new InvalidOperationException($"job '{Record.Name}' cannot run: {BuildFailure}");

    public JobWorker? Worker { get; set; }

    public BoundedErrorLog Errors { get; } = new();

    /// <summary>Counters of the last run, kept for monitoring after it paused or stopped.</summary>
    public IReadOnlyDictionary<string, long>? LastCounters { get; set; }

    public Throughput Rate { get; } = new();

    /// <summary>The completion time of the latest checkpoint a write of <c>jobs.json</c> held.</summary>
    public DateTimeOffset? SavedCheckpoint { get; set; }

    /// <summary>
    /// The run the current version was deployed in and the job's counters then, when it replaced a
    /// version in a run (a job paused or running); a period only the new version's rules count over
    /// starts there.
    /// </summary>
    public Alarms.CountOrigin? Deployed { get; set; }

    /// <summary>Where the alarms count this job's current run from; null until the daemon opened its state in that run.</summary>
    public Alarms.CountOrigin? CountOrigin
    {
        get
        {
            Alarms.CountOrigin? origin = _countOrigin;
            return origin?.Run == Record.Run && (Worker is not null || LastCounters is not null) ? origin : null;
        }
    }

    private Alarms.CountOrigin? _countOrigin;

    /// <summary>
    /// Notes the counters the job's state held when it was opened at <paramref name="at"/> (call
    /// once the counters of the opened state are the job's, as <see cref="Worker"/> or
    /// <see cref="LastCounters"/>). The rates measure from them; the first opening of a run is
    /// where its alarms count from: a pause and resume, or a new version, continue the count.
    /// </summary>
    public void Opened(IReadOnlyDictionary<string, long> counters, DateTimeOffset at)
    {
        Rate.Rebase(counters.GetValueOrDefault("records_read"), counters.GetValueOrDefault("outputs"), at);
        if (_countOrigin?.Run != Record.Run)
        {
            _countOrigin = new Alarms.CountOrigin(Record.Run, counters);
        }
    }

    /// <summary>
    /// Takes the counters the job's latest checkpoint carries as its figures while no worker runs it
    /// (read when the daemon starts). Only the rates measure from them: the alarms count from the
    /// first opening of the state in this daemon (<see cref="Opened"/>), as before.
    /// </summary>
    public void Restored(IReadOnlyDictionary<string, long> counters, DateTimeOffset at)
    {
        LastCounters = counters;
        Rate.Rebase(counters.GetValueOrDefault("records_read"), counters.GetValueOrDefault("outputs"), at);
    }

    /// <summary>The run of a scheduled job in progress, if any.</summary>
    public Task? Batch { get; private set; }

    /// <summary>
    /// Pauses waiting for the job's run to end (changed under the lifecycle lock). While one waits,
    /// no new run starts, so files arriving without a break cannot keep the pause waiting.
    /// </summary>
    public int PausesWaiting { get; set; }

    // Cancels the run in progress: the daemon's shutdown, or a stop of the job.
    private CancellationTokenSource? _batchCancellation;

    /// <summary>Notes a run started with <paramref name="cancellation"/>, which cancels it and which the job disposes.</summary>
    public void BatchStarted(Task batch, CancellationTokenSource cancellation)
    {
        Batch = batch;
        _batchCancellation = cancellation;
    }

    /// <summary>Cancels the run in progress, if any; it still ends (and records its end) on its own.</summary>
    public void CancelBatch() => _batchCancellation?.Cancel();

    /// <summary>Forgets the run, once it has ended.</summary>
    public void BatchEnded()
    {
        Batch = null;
        _batchCancellation?.Dispose();
        _batchCancellation = null;
    }

    /// <summary>True for an offline job with a schedule: started means armed, runs happen at its times.</summary>
    public bool IsScheduled => Version?.Schedule is not null && Version.Manifest.Channel == Runtime.Jobs.JobChannel.Offline;
}
