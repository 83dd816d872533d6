using Dsl.Control.V1;
using Dsl.Daemon.Api;
using Dsl.Daemon.Ingest;
using Google.Protobuf.WellKnownTypes;

namespace Dsl.Daemon.Tests;

/// <summary><c>GET /metrics</c> carries the figures runtime.md lists for <c>Jobs.Metrics</c>.</summary>
public sealed class PrometheusTextTests
{
    [Fact]
    public void TheOutputRateAndTheCheckpointTimeAreExported()
    {
        var job = new JobMetrics
        {
            Name = "power",
            Status = JobStatus.Running,
            Counters = new JobCounters(),
            Checkpoint = new CheckpointInfo
            {
                CompletedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 6, 1, 8, 0, 0, 500, TimeSpan.Zero)),
                Age = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)),
            },
            Throughput = new Throughput { RecordsInPerSecond = 40, RecordsOutPerSecond = 2.5 },
        };

        string text = PrometheusText.Render([job], new IngestTotals());

        Assert.Contains("dsl_job_records_in_per_second{job=\"power\"} 40\n", text, StringComparison.Ordinal);
        Assert.Contains("dsl_job_records_out_per_second{job=\"power\"} 2.5\n", text, StringComparison.Ordinal);
        Assert.Contains("dsl_job_checkpoint_timestamp_seconds{job=\"power\"} 1748764800.5\n", text, StringComparison.Ordinal);
    }

    /// <summary>A job without state (released, stopped) has no checkpoint: none of its gauges is there, its size no more than its time.</summary>
    [Fact]
    public void AJobWithoutACheckpointHasNoCheckpointGauges()
    {
        var job = new JobMetrics { Name = "idle", Status = JobStatus.Released, Counters = new JobCounters(), Checkpoint = new CheckpointInfo() };

        string text = PrometheusText.Render([job], new IngestTotals());

        Assert.DoesNotContain("dsl_job_checkpoint_size_bytes{job=\"idle\"}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dsl_job_checkpoint_timestamp_seconds{job=\"idle\"}", text, StringComparison.Ordinal);
        Assert.Contains("dsl_job_records_in_per_second{job=\"idle\"} 0\n", text, StringComparison.Ordinal);
    }
}
