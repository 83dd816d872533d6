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
/// transaction, so the whole lines read before the cut stay ingested and are counted as accepted;
/// the line the cut went through is no record the client sent, so it is neither judged nor refused.
/// </summary>
public sealed class IngestCutOffTests
{
    [NodeFact]
    public async Task A_cancelled_grpc_ingest_keeps_and_counts_its_whole_lines_and_refuses_no_cut_off_line()
    {
        using var temp = new TempDirectory();
        var log = new RecordingLogger();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"), log: log);
        await daemon.ReleaseAndStartAsync(new Workspace(temp.Combine("ws")), "doubler", TestJobs.Doubler());

        JsonElement result = await NodePeer.RunAsync("ingestCancelled", daemon);

        Assert.Equal("CANCELLED", result.GetProperty("ingest").GetProperty("error").GetProperty("status").GetString());
        Assert.Equal("2", result.GetProperty("channel").GetProperty("response").GetProperty("summary").GetProperty("recordsIn").GetString());

        // Said once the daemon is done with the stream; only then is the absence of a refusal telling.
        const string cancelled = "ingest into realtime: the stream was cancelled or cut off before it ended; the 2 record(s) accepted and 0 refused before the cut stay so, and the 28 bytes after its last newline, a line cut short, were dropped";
        await Eventually.WaitAsync(() => Task.FromResult(log.Lines), lines => lines.Any(l => l.Message == cancelled), "the daemon to log the cancelled stream", describe: () => string.Join("\n", log.Lines.Select(l => l.Message).Where(m => m.Contains("ngest", StringComparison.Ordinal))));
        Assert.DoesNotContain(log.Lines, l => l.Message.Contains("malformed_json", StringComparison.Ordinal));

        string metrics = await MetricsAsync(daemon);
        Assert.Contains("dsl_ingest_accepted_total{channel=\"realtime\"} 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("dsl_ingest_rejected_total{channel=\"realtime\"} 0\n", metrics, StringComparison.Ordinal);

        // The job reads the two records and nothing else: two outputs, nothing in its error log.
        string[] outputs = await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("doubler")), o => o.Length >= 2, "the doubler's outputs of the two records");
        Assert.Equal(["a", "b"], outputs.Select(o => JsonDocument.Parse(o).RootElement.GetProperty("assetId").GetString()));
        Assert.Equal(2ul, (await daemon.CountersAsync("doubler")).RecordsIn);
        Assert.Empty((await daemon.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "doubler" })).Entries);
    }

    /// <summary>
    /// A stream that breaks on a message the daemon cannot read (here one over the 4 MiB limit)
    /// keeps the records of the messages before it, as a cut does; they are counted, the log says
    /// so, and the answer tells the client how many went in, so that it sends only the rest again.
    /// </summary>
    [NodeFact]
    public async Task A_grpc_ingest_that_breaks_on_an_oversized_message_counts_and_tells_the_records_before_it()
    {
        using var temp = new TempDirectory();
        var log = new RecordingLogger();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"), log: log);
        await daemon.ReleaseAndStartAsync(new Workspace(temp.Combine("ws")), "doubler", TestJobs.Doubler());

        JsonElement error = (await NodePeer.RunAsync("ingestOversize", daemon)).GetProperty("ingest").GetProperty("error");

        Assert.Equal("RESOURCE_EXHAUSTED", error.GetProperty("status").GetString());
        Assert.EndsWith("; the 2 record(s) of the messages before it were ingested into realtime", error.GetProperty("details").GetString(), StringComparison.Ordinal);
        await Eventually.WaitAsync(
            () => Task.FromResult(log.Lines),
            lines => lines.Any(l => l.Message.StartsWith("ingest into realtime: the stream ended on a message that could not be read (", StringComparison.Ordinal)
                && l.Message.EndsWith("); the 2 record(s) accepted and 0 refused before the cut stay so", StringComparison.Ordinal)),
            "the daemon to log the broken stream",
            describe: () => string.Join("\n", log.Lines.Select(l => l.Message).Where(m => m.Contains("ngest", StringComparison.Ordinal))));

        string metrics = await MetricsAsync(daemon);
        Assert.Contains("dsl_ingest_accepted_total{channel=\"realtime\"} 2\n", metrics, StringComparison.Ordinal);
        Assert.Equal(2ul, (await daemon.CountersAsync("doubler")).RecordsIn);
    }

    [Fact]
    public async Task An_http_ingest_whose_sender_goes_away_midway_keeps_and_counts_its_whole_lines_and_refuses_no_cut_off_line()
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

        const string cutOff = "ingest into realtime: the request's body was cut off before its end; the 2 record(s) accepted and 0 refused before the cut stay so, and the 28 bytes after its last newline, a line cut short, were dropped";
        await Eventually.WaitAsync(() => Task.FromResult(log.Lines), lines => lines.Any(l => l.Message == cutOff), "the daemon to log the cut-off body", describe: () => string.Join("\n", log.Lines.Select(l => l.Message).Where(m => m.Contains("ngest", StringComparison.Ordinal))));
        Assert.DoesNotContain(log.Lines, l => l.Message.Contains("malformed_json", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);

        string metrics = await MetricsAsync(daemon);
        Assert.Contains("dsl_ingest_accepted_total{channel=\"realtime\"} 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("dsl_ingest_rejected_total{channel=\"realtime\"} 0\n", metrics, StringComparison.Ordinal);
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
