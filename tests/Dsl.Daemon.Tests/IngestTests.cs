using System.Net;
using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>HTTP ingest of a million records while a job runs: nothing lost, outputs as a direct run.</summary>
public sealed class IngestTests
{
    private const int Records = 1_000_000;

    [Fact]
    public async Task AMillionRecordsOverHttpAreAllReadAndMatchADirectRun()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("input.ndjson");
        await using (var writer = new StreamWriter(input))
        {
            for (int i = 0; i < Records; i++)
            {
                await writer.WriteAsync(TestJobs.Line(i));
            }
        }

        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"), TimeSpan.FromMilliseconds(500));
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAndStartAsync(workspace, "doubler", TestJobs.Doubler());

        // A chunked body with a malformed line in it: counted and refused, the rest ingested.
        await using var body = new ConcatenatedStream(File.OpenRead(input), new MemoryStream("{broken\n"u8.ToArray()));
        var content = new StreamContent(body, 1 << 16);
        IngestResponse result = await daemon.IngestHttpAsync(content);
        Assert.Equal((ulong)Records, result.Accepted);
        Assert.Equal(1ul, result.Rejected);
        Assert.Equal("malformed_json", result.Rejections[0].Reason);

        JobCounters counters = await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.RecordsIn >= Records && c.RecordsOut >= Records, "the job to read every record", seconds: 110);
        Assert.Equal((ulong)Records, counters.RecordsIn);
        string[] outputs = await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("doubler")), o => o.Length >= Records, "every output committed", seconds: 60);
        Assert.Equal(DirectRun.Outputs(TestJobs.Doubler(), input), DirectRun.Normalize(outputs));

        // The same figures as Prometheus text.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(daemon.Daemon.HttpAddress ?? throw new InvalidOperationException(), "/metrics"));
        request.Headers.Authorization = new("Bearer", daemon.Viewer);
        using HttpResponseMessage metrics = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        string text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains($"dsl_job_records_in_total{{job=\"doubler\"}} {Records}", text);
        Assert.Contains($"dsl_ingest_rejected_total{{channel=\"realtime\"}} 1", text);
    }
}
