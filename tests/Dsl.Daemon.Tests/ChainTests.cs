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
}
