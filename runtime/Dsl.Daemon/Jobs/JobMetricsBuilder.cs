using Dsl.Control.V1;
using Dsl.Daemon.Api;
using Dsl.Runtime.Hosting;
using Google.Protobuf.WellKnownTypes;

namespace Dsl.Daemon.Jobs;

/// <summary>Builds a job's <see cref="JobMetrics"/> from its worker's counters and its record's latest checkpoint.</summary>
internal static class JobMetricsBuilder
{
    private static readonly string[] _skipped = ["ignored", "skipped_missing", "skipped_attribute"];

    public static JobMetrics Build(DaemonJob job)
    {
        JobWorker? worker = job.Worker;
        IReadOnlyDictionary<string, long> counts = worker?.Counters.ToDictionary() ?? job.LastCounters ?? new Dictionary<string, long>();
        long Count(string name) => counts.TryGetValue(name, out long value) ? value : 0;
        var counters = new JobCounters
        {
            RecordsIn = (ulong)Count("records_read"),
            RecordsOut = (ulong)Count("outputs"),
            Late = (ulong)Count("late"),
            Invalid = (ulong)Count("errors"),
            InvalidValues = (ulong)(Count("invalid") + Count("invalid_results")),
        };
        foreach (string name in _skipped)
        {
            counters.SkippedByReason[name] = (ulong)Count(name);
            counters.Skipped += (ulong)Count(name);
        }

        foreach (var (name, value) in counts.Where(c => c.Key.StartsWith("errors.", StringComparison.Ordinal)))
        {
            counters.ErrorsByReason[name["errors.".Length..]] = (ulong)value;
        }

        var metrics = new JobMetrics { Name = job.Record.Name, Status = job.Record.Status, Counters = counters, Checkpoint = new Control.V1.CheckpointInfo() };
        if (job.Record.LastCheckpoint is { } checkpoint)
        {
            metrics.Checkpoint.CompletedAt = Conversions.ToProto(checkpoint.CompletedAt);
            // Only a worker changes the state: a job without one (paused, failed, or scheduled between
            // runs) has all of it in that checkpoint, so nothing of it is unsaved however old it is.
            metrics.Checkpoint.Age = Duration.FromTimeSpan(worker is null ? TimeSpan.Zero : checkpoint.AgeAt(DateTimeOffset.UtcNow));
            metrics.Checkpoint.Duration = Duration.FromTimeSpan(checkpoint.Duration);
            metrics.Checkpoint.SizeBytes = (ulong)Math.Max(0, checkpoint.Bytes);
        }

        if (worker?.Lag(DateTimeOffset.UtcNow) is { } lag)
        {
            metrics.WatermarkLag = Duration.FromTimeSpan(lag);
        }

        var (rateIn, rateOut, window) = job.Rate.Read(Count("records_read"), Count("outputs"));
        metrics.Throughput = new Control.V1.Throughput { RecordsInPerSecond = rateIn, RecordsOutPerSecond = rateOut, Window = Duration.FromTimeSpan(window) };
        return metrics;
    }
}
