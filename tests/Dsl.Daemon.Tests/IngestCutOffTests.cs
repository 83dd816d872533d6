using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;
using static Dsl.Daemon.Tests.ChannelWriterTests;

namespace Dsl.Daemon.Tests;

/// <summary>
/// An ingest cut off by its client (a cancelled gRPC stream, an HTTP sender gone midway): no
/// transaction, so the whole lines read before the cut stay ingested and are counted as accepted.
/// </summary>
public sealed class IngestCutOffTests
{
    [NodeFact]
    public async Task A_cancelled_grpc_ingest_keeps_and_counts_its_whole_lines()
    {
        using var temp = new TempDirectory();
        var log = new RecordingLogger();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"), log: log);
        await daemon.ReleaseAndStartAsync(new Workspace(temp.Combine("ws")), "doubler", TestJobs.Doubler());

        JsonElement result = await NodePeer.RunAsync("ingestCancelled", daemon);

        Assert.Equal("CANCELLED", result.GetProperty("ingest").GetProperty("error").GetProperty("status").GetString());
        Assert.Equal("2", result.GetProperty("channel").GetProperty("response").GetProperty("summary").GetProperty("recordsIn").GetString());

        // Counted once the daemon is done with the stream.
        await Eventually.WaitAsync(() => MetricsAsync(daemon), m => m.Contains("dsl_ingest_accepted_total{channel=\"realtime\"} 2\n", StringComparison.Ordinal), "the two records to be counted as accepted");

        // The job reads the two records and nothing else: two outputs, nothing in its error log.
        string[] outputs = await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("doubler")), o => o.Length >= 2, "the doubler's outputs of the two records");
        Assert.Equal(["a", "b"], outputs.Select(o => JsonDocument.Parse(o).RootElement.GetProperty("assetId").GetString()));
        Assert.Equal(2ul, (await daemon.CountersAsync("doubler")).RecordsIn);
        Assert.Empty((await daemon.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "doubler" })).Entries);
    }

    [Fact]
    public async Task An_http_ingest_whose_sender_goes_away_midway_keeps_and_counts_its_whole_lines()
    {
        using var temp = new TempDirectory();
        var log = new RecordingLogger();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"), log: log);
        await daemon.ReleaseAndStartAsync(new Workspace(temp.Combine("ws")), "doubler", TestJobs.Doubler());
        Uri address = daemon.Daemon.HttpAddress!;
        string chunk = Good("a") + "\n" + Good("b") + "\n" + "{\"assetId\":\"c\",\"modelId\":\"Me";

        // A chunked body of two whole lines and the start of a third, and then the sender is gone.
        using (var sender = new TcpClient())
        {
            await sender.ConnectAsync(address.Host, address.Port);
            string request = $"POST /ingest?channel=realtime HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {daemon.Operator}\r\n"
                + $"Transfer-Encoding: chunked\r\n\r\n{Encoding.UTF8.GetByteCount(chunk):x}\r\n{chunk}\r\n";
            await sender.GetStream().WriteAsync(Encoding.UTF8.GetBytes(request));

            // The job has read the two whole lines, so the daemon has read the chunk, the cut-off line too.
            await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.RecordsIn == 2, "the doubler to read the two whole lines");
        }

        await Eventually.WaitAsync(() => MetricsAsync(daemon), m => m.Contains("dsl_ingest_accepted_total{channel=\"realtime\"} 2\n", StringComparison.Ordinal), "the two records to be counted as accepted");
        Assert.DoesNotContain(log.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Empty((await daemon.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "doubler" })).Entries);
    }

    private static async Task<string> MetricsAsync(TestDaemon daemon)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(daemon.Daemon.HttpAddress!, "/metrics"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", daemon.Viewer);
        return await (await http.SendAsync(request)).Content.ReadAsStringAsync();
    }
}
