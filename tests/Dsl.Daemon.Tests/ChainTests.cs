using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>Outputs go back into the channel, so one released job reads another's outputs.</summary>
public sealed class ChainTests
{
    [Fact]
    public async Task AJobReadsTheOutputsOfAnother()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
        workspace.Write("jobs/quad.stream", TestJobs.Quad());
        workspace.Release(daemon.Data);
        await daemon.WaitReleasedAsync("doubler");
        await daemon.WaitReleasedAsync("quad");
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler", "quad" } });
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 4));

        string[] quad = await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("quad")), o => o.Length >= 4, "the chained job's outputs");
        Assert.Equal(4, quad.Length);
        Assert.Contains("\"pointId\":\"Quad\",\"time\":1700000000001,\"value\":6", quad[1]);

        // The doubler reads the four ingested records and quad's four outputs (ignored: not its points),
        // never its own outputs back.
        JobCounters counters = await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.RecordsIn >= 8, "the doubler to read quad's outputs");
        Assert.Equal(8ul, counters.RecordsIn);
        Assert.Equal(4ul, counters.SkippedByReason["ignored"]);
        Assert.Equal(4ul, counters.RecordsOut);

        // The same, by reason, in Prometheus text.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(daemon.Daemon.HttpAddress ?? throw new InvalidOperationException(), "/metrics"));
        request.Headers.Authorization = new("Bearer", daemon.Viewer);
        string text = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("dsl_job_skipped_by_reason_total{job=\"doubler\",reason=\"ignored\"} 4\n", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A late record corrects the upstream job's result (an <c>update</c> in the channel), and the
    /// downstream job, which reads that point as derived by another job, replaces the value it
    /// corrects: the hour's sum is that of the corrected ten-minute sums, not one more term.
    /// </summary>
    [Fact]
    public async Task A_correction_from_another_job_replaces_the_value_it_corrects()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/tens.stream", """
            job tens
            settings { lateness 2h }
            model Meter {
              ai Power: double kW
              ai Power10m kW
            }
            aggregate Meter window tumbling 10m { Power10m = sum(Power) }
            """);
        workspace.Write("jobs/hours.stream", """
            job hours
            settings { lateness 2h }
            model Meter {
              ai Power10m kW
              ai PowerHour kW
            }
            aggregate Meter window tumbling 1h { PowerHour = sum(Power10m) }
            """);
        workspace.Release(daemon.Data);
        await daemon.WaitReleasedAsync("tens");
        await daemon.WaitReleasedAsync("hours");
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "tens", "hours" } });

        // Power at 10:05, 10:15 … 11:15 (1 … 8): Power10m is 1 … 8, and the hour 10:00 (1 … 6, 21) is
        // due once Power10m at 11:00 arrives. Then Power at 10:06 (100) corrects Power10m at 10:00 to 101.
        long hour = 1_772_791_200_000; // 2026-03-06T10:00:00Z
        string Record(long time, int value) =>
            $"{{\"assetId\":\"m1\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":{time},\"value\":{value}}}\n";
        await daemon.IngestHttpAsync(string.Concat(Enumerable.Range(0, 8).Select(i => Record(hour + ((5 + (10 * i)) * 60_000L), i + 1))));
        await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("hours")), o => o.Length >= 1, "the hour's on-time sum");
        await daemon.IngestHttpAsync(Record(hour + (6 * 60_000L), 100));

        string[] sums = await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("hours")), o => o.Length >= 2, "the hour's corrected sum");
        Assert.Equal(2, sums.Length);
        Assert.Contains($"\"time\":{hour},\"value\":21,", sums[0]);
        Assert.Contains($"\"time\":{hour},\"value\":121,", sums[1]);
        Assert.Contains("\"calMode\":\"update\"", sums[1]);
    }
}
