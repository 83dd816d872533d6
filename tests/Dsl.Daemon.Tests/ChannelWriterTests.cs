using System.Text;
using Dsl.Control.V1;
using Dsl.Daemon.Channels;
using Dsl.Daemon.Ingest;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dsl.Daemon.Tests;

/// <summary>
/// How ingest cuts a byte stream into lines: the same result however the bytes are split into
/// chunks (HTTP reads, gRPC messages, inbox reads), lines numbered as they stand in the stream.
/// </summary>
public sealed class ChannelWriterTests
{
    private const int Limit = 1 << 20;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(Limit)]
    [InlineData(int.MaxValue)]
    public void A_line_over_1_MiB_is_refused_once_with_its_number_however_the_bytes_are_split(int chunk)
    {
        string body = Good("a") + "\n" + Padded("long", Limit + 100_000) + "\n" + Good("b") + "\n" + Good("c");

        (IngestResponse result, string[] appended) = Ingest(body, chunk);

        Assert.Equal(3ul, result.Accepted);
        Assert.Equal(1ul, result.Rejected);
        IngestRejection rejection = Assert.Single(result.Rejections);
        Assert.Equal((2ul, "line_too_long"), (rejection.Number, rejection.Reason));
        Assert.Equal([Good("a"), Good("b"), Good("c")], appended);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void A_line_of_exactly_1_MiB_without_its_line_ending_is_accepted(string ending)
    {
        string body = Padded("edge", Limit) + ending + Padded("over", Limit + 1) + ending + Good("a") + ending + Padded("last", Limit + 10);

        foreach (int chunk in new[] { 1000, Limit, int.MaxValue })
        {
            (IngestResponse result, string[] appended) = Ingest(body, chunk);

            Assert.Equal(2ul, result.Accepted);
            Assert.Equal([(2ul, "line_too_long"), (4ul, "line_too_long")], result.Rejections.Select(r => (r.Number, r.Reason)));
            Assert.Equal([Padded("edge", Limit), Good("a")], appended);
        }
    }

    [Fact]
    public void A_structured_record_longer_than_1_MiB_as_ndjson_is_refused_as_a_line_would_be()
    {
        using var temp = new TempDirectory();
        using var channel = new ChannelLog("realtime", temp.Combine("realtime"));
        var writer = new ChannelWriter(channel, FutureLimit.None, NullLogger.Instance);
        var record = new Control.V1.Record { AssetId = "a", ModelId = "Meter", PointId = "Power", Time = 1 };
        writer.Write(record);
        writer.Write(new Control.V1.Record(record) { Value = Google.Protobuf.WellKnownTypes.Value.ForString(new string('x', Limit)) });
        writer.Complete();

        Assert.Equal(1ul, writer.Result.Accepted);
        Assert.Equal((2ul, "line_too_long"), (writer.Result.Rejections[0].Number, writer.Result.Rejections[0].Reason));
    }

    [Fact]
    public void Blank_lines_count_as_lines_but_are_neither_records_nor_refusals()
    {
        // White space is JSON's: tabs too, as a job reading the same lines takes them.
        string body = Good("a") + "\n\n   \r\n" + "\t\n \t \r\n" + "not json\n" + Good("b") + "\n\n";

        (IngestResponse result, string[] appended) = Ingest(body, int.MaxValue);

        Assert.Equal(2ul, result.Accepted);
        Assert.Equal(1ul, result.Rejected);
        Assert.Equal((6ul, "malformed_json"), (result.Rejections[0].Number, result.Rejections[0].Reason));
        Assert.Equal([Good("a"), Good("b")], appended);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(int.MaxValue)]
    public void A_byte_order_mark_opening_the_body_is_dropped_and_one_further_on_refuses_its_line(int chunk)
    {
        string body = "\uFEFF" + Good("a") + "\r\n" + "\uFEFF" + Good("b") + "\n" + Good("c");

        (IngestResponse result, string[] appended) = Ingest(body, chunk);

        Assert.Equal([Good("a"), Good("c")], appended);
        Assert.Equal((2ul, "malformed_json"), (Assert.Single(result.Rejections).Number, result.Rejections[0].Reason));
    }

    /// <summary>
    /// grpc-js cancels a call by half-closing its stream and resetting it right after: a request
    /// cancelled after its half-close, while it may still be, keeps its whole lines, and the text
    /// after its last newline, a line the client never finished, is neither refused nor taken.
    /// </summary>
    [Fact]
    public async Task A_request_cancelled_right_after_it_ends_keeps_its_whole_lines_and_drops_its_cut_off_line_unjudged()
    {
        using var temp = new TempDirectory();
        using var channel = new ChannelLog("realtime", temp.Combine("realtime"));
        var log = new RecordingLogger();
        var writer = new ChannelWriter(channel, FutureLimit.None, log);
        writer.Write(Encoding.UTF8.GetBytes(Good("a") + "\n" + Good("b") + "\n{\"assetId\":\"c\",\"modelId\":\"Me"));
        using var cancelled = new CancellationTokenSource();

        // The reset arrives after the half-close, while the request may still be cancelled.
        Task completing = writer.CompleteAsync(TimeSpan.FromHours(1), cancelled.Token).AsTask();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => completing);
        writer.CutOff("the stream was cancelled");

        Assert.Equal((2ul, 0ul), (writer.Result.Accepted, writer.Result.Rejected));
        Assert.Equal([Good("a"), Good("b")], channel.Recent.Latest(100).Select(l => Encoding.UTF8.GetString(l)));
        Assert.Equal(
            "ingest into realtime: the stream was cancelled; the 2 record(s) accepted and 0 refused before the cut stay so, and the 28 bytes after its last newline, a line cut short, were dropped",
            Assert.Single(log.Lines).Message);

        // A number in a structured log, for a query over many cuts.
        Assert.Equal(28, Assert.Single(log.Properties)["DroppedBytes"]);
    }

    [Fact]
    public async Task A_request_that_ends_as_it_should_takes_the_text_after_its_last_newline_as_its_final_line()
    {
        using var temp = new TempDirectory();
        using var channel = new ChannelLog("realtime", temp.Combine("realtime"));
        var writer = new ChannelWriter(channel, FutureLimit.None, NullLogger.Instance);
        writer.Write(Encoding.UTF8.GetBytes(Good("a") + "\n" + Good("b") + "\n{\"assetId\":\"c\",\"modelId\":\"Me"));

        await writer.CompleteAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None);

        Assert.Equal((2ul, 1ul), (writer.Result.Accepted, writer.Result.Rejected));
        Assert.Equal((3ul, "malformed_json"), (writer.Result.Rejections[0].Number, writer.Result.Rejections[0].Reason));
    }

    /// <summary>Structured records are appended in batches: those received before a cut stay too.</summary>
    [Fact]
    public void A_request_cut_off_after_structured_records_keeps_them()
    {
        using var temp = new TempDirectory();
        using var channel = new ChannelLog("realtime", temp.Combine("realtime"));
        var writer = new ChannelWriter(channel, FutureLimit.None, NullLogger.Instance);
        writer.Write(new Control.V1.Record { AssetId = "a", ModelId = "Meter", PointId = "Power", Time = 1, Value = Google.Protobuf.WellKnownTypes.Value.ForNumber(1) });

        writer.CutOff("the stream was cancelled");

        Assert.Equal(1ul, writer.Result.Accepted);
        Assert.StartsWith("{\"assetId\":\"a\",", Encoding.UTF8.GetString(Assert.Single(channel.Recent.Latest(100))));
    }

    /// <summary>A cut right after a newline drops nothing, and the daemon's log says no more than what stays.</summary>
    [Fact]
    public void A_request_cut_off_after_a_newline_logs_what_stays_and_no_dropped_bytes()
    {
        using var temp = new TempDirectory();
        using var channel = new ChannelLog("realtime", temp.Combine("realtime"));
        var log = new RecordingLogger();
        var writer = new ChannelWriter(channel, FutureLimit.None, log);
        writer.Write(Encoding.UTF8.GetBytes(Good("a") + "\nnot json\n"));

        writer.CutOff("the stream was cancelled");

        Assert.Equal(
            "ingest into realtime: the stream was cancelled; the 1 record(s) accepted and 1 refused before the cut stay so",
            log.Lines.Last().Message);
    }

    /// <summary>A record of the four required fields.</summary>
    internal static string Good(string asset) =>
        $$"""{"assetId":"{{asset}}","modelId":"Meter","pointId":"Power","time":1,"value":1}""";

    /// <summary>A good record padded with an ignored field to exactly <paramref name="length"/> bytes.</summary>
    internal static string Padded(string asset, int length)
    {
        string head = $"{{\"assetId\":\"{asset}\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":1,\"pad\":\"";
        return head + new string('x', length - head.Length - 2) + "\"}";
    }

    private static (IngestResponse Result, string[] Appended) Ingest(string body, int chunk)
    {
        using var temp = new TempDirectory();
        using var channel = new ChannelLog("offline", temp.Combine("offline"));
        var writer = new ChannelWriter(channel, FutureLimit.None, NullLogger.Instance);
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        for (int start = 0; start < bytes.Length; start += chunk)
        {
            writer.Write(bytes.AsSpan(start, Math.Min(chunk, bytes.Length - start)));
        }

        writer.Complete();
        return (writer.Result, [.. channel.Recent.Latest(100).Select(l => Encoding.UTF8.GetString(l))]);
    }
}
