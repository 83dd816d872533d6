using System.Globalization;
using System.Text;
using Dsl.Control.V1;
using Dsl.Daemon.Ingest;

namespace Dsl.Daemon.Api;

/// <summary>The figures of <c>Jobs.Metrics</c> in the Prometheus text format, for <c>GET /metrics</c>.</summary>
internal static class PrometheusText
{
    public static string Render(IReadOnlyList<JobMetrics> jobs, IngestTotals totals)
    {
        var text = new StringBuilder();
        Family(text, "dsl_ingest_accepted_total", "counter", "Records appended to a channel by ingest.");
        foreach (var (channel, accepted, _) in totals.All())
        {
            Line(text, "dsl_ingest_accepted_total", $"channel=\"{channel}\"", accepted);
        }

        Family(text, "dsl_ingest_rejected_total", "counter", "Ingested records refused.");
        foreach (var (channel, _, rejected) in totals.All())
        {
            Line(text, "dsl_ingest_rejected_total", $"channel=\"{channel}\"", rejected);
        }

        Family(text, "dsl_job_up", "gauge", "1 when the job is running.");
        foreach (JobMetrics job in jobs)
        {
            Line(text, "dsl_job_up", Label(job), job.Status == JobStatus.Running ? 1 : 0);
        }

        Counter(text, jobs, "dsl_job_records_in_total", "Records read from the channel.", j => j.Counters.RecordsIn);
        Counter(text, jobs, "dsl_job_records_out_total", "Records emitted.", j => j.Counters.RecordsOut);
        Counter(text, jobs, "dsl_job_late_total", "Records dropped as late.", j => j.Counters.Late);
        Counter(text, jobs, "dsl_job_invalid_total", "Records that failed to parse or validate.", j => j.Counters.Invalid);
        Counter(text, jobs, "dsl_job_invalid_values_total", "Values outside their point's range and rule results that are not finite numbers.", j => j.Counters.InvalidValues);
        Counter(text, jobs, "dsl_job_skipped_total", "Records skipped.", j => j.Counters.Skipped);
        Family(text, "dsl_job_skipped_by_reason_total", "counter", "Records skipped, by reason (their sum is dsl_job_skipped_total).");
        foreach (JobMetrics job in jobs)
        {
            foreach (var (reason, count) in job.Counters.SkippedByReason)
            {
                Line(text, "dsl_job_skipped_by_reason_total", $"{Label(job)},reason=\"{reason}\"", (double)count);
            }
        }

        Family(text, "dsl_job_errors_total", "counter", "Rejected records by reason.");
        foreach (JobMetrics job in jobs)
        {
            foreach (var (reason, count) in job.Counters.ErrorsByReason)
            {
                Line(text, "dsl_job_errors_total", $"{Label(job)},reason=\"{reason}\"", (double)count);
            }
        }

        Family(text, "dsl_job_watermark_lag_seconds", "gauge", "Wall clock minus the latest event time the job has processed.");
        foreach (JobMetrics job in jobs.Where(j => j.WatermarkLag is not null))
        {
            Line(text, "dsl_job_watermark_lag_seconds", Label(job), job.WatermarkLag.ToTimeSpan().TotalSeconds);
        }

        // Seconds since the Unix epoch, the Prometheus convention for a time (time() - it is the age).
        Family(text, "dsl_job_checkpoint_timestamp_seconds", "gauge", "When the last checkpoint completed, in seconds since the Unix epoch.");
        foreach (JobMetrics job in jobs.Where(j => j.Checkpoint?.CompletedAt is not null))
        {
            Line(text, "dsl_job_checkpoint_timestamp_seconds", Label(job), job.Checkpoint.CompletedAt.ToDateTimeOffset().ToUnixTimeMilliseconds() / 1000.0);
        }

        Family(text, "dsl_job_checkpoint_age_seconds", "gauge", "How long the job's state has had changes no checkpoint holds (0 when not running).");
        foreach (JobMetrics job in jobs.Where(j => j.Checkpoint?.Age is not null))
        {
            Line(text, "dsl_job_checkpoint_age_seconds", Label(job), job.Checkpoint.Age.ToTimeSpan().TotalSeconds);
        }

        Family(text, "dsl_job_checkpoint_duration_seconds", "gauge", "Duration of the last checkpoint.");
        foreach (JobMetrics job in jobs.Where(j => j.Checkpoint?.Duration is not null))
        {
            Line(text, "dsl_job_checkpoint_duration_seconds", Label(job), job.Checkpoint.Duration.ToTimeSpan().TotalSeconds);
        }

        Family(text, "dsl_job_checkpoint_size_bytes", "gauge", "Size of the last checkpoint.");
        // A job without state has a checkpoint message whose size reads 0: it has none, as for the other gauges.
        foreach (JobMetrics job in jobs.Where(j => j.Checkpoint?.CompletedAt is not null))
        {
            Line(text, "dsl_job_checkpoint_size_bytes", Label(job), job.Checkpoint.SizeBytes);
        }

        Family(text, "dsl_job_records_in_per_second", "gauge", "Recent input rate.");
        foreach (JobMetrics job in jobs)
        {
            Line(text, "dsl_job_records_in_per_second", Label(job), job.Throughput?.RecordsInPerSecond ?? 0);
        }

        Family(text, "dsl_job_records_out_per_second", "gauge", "Recent output rate.");
        foreach (JobMetrics job in jobs)
        {
            Line(text, "dsl_job_records_out_per_second", Label(job), job.Throughput?.RecordsOutPerSecond ?? 0);
        }

        return text.ToString();
    }

    private static void Counter(StringBuilder text, IReadOnlyList<JobMetrics> jobs, string name, string help, Func<JobMetrics, ulong> value)
    {
        Family(text, name, "counter", help);
        foreach (JobMetrics job in jobs)
        {
            Line(text, name, Label(job), value(job));
        }
    }

    private static string Label(JobMetrics job) => $"job=\"{job.Name}\"";

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Line(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append('{').Append(labels).Append("} ").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
}
