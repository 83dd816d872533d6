using System.Text;
using Dsl.Control.V1;
using Dsl.Daemon.Channels;
using Dsl.Daemon.Ingest;
using Dsl.Daemon.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dsl.Daemon.Tests;

/// <summary>
/// How ingest cuts a byte stream into lines: the same result however the bytes are split into
/// chunks (HTTP reads, gRPC messages, inbox reads), lines numbered as they stand in the stream.
/// </summary>
public sealed class ChannelWriterTests
{
    [Fact]
    public void Blank_lines_count_as_lines_but_are_neither_records_nor_refusals()
    {
        string body = Good("a") + "\n\n   \r\n" + "not json\n" + Good("b") + "\n\n";

        (IngestResponse result, string[] appended) = Ingest(body, int.MaxValue);

        Assert.Equal(2ul, result.Accepted);
        Assert.Equal(1ul, result.Rejected);
        Assert.Equal((4ul, "malformed_json"), (result.Rejections[0].Number, result.Rejections[0].Reason));
        Assert.Equal([Good("a"), Good("b")], appended);
    }

    /// <summary>A record of the four required fields.</summary>
    internal static string Good(string asset) =>
        $$"""{"assetId":"{{asset}}","modelId":"Meter","pointId":"Power","time":1,"value":1}""";

    private static (IngestResponse Result, string[] Appended) Ingest(string body, int chunk)
    {
        using var temp = new TempDirectory();
        using var channel = new ChannelLog("offline", temp.Combine("offline"));
        var writer = new ChannelWriter(channel, NullLogger.Instance);
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        for (int start = 0; start < bytes.Length; start += chunk)
        {
            writer.Write(bytes.AsSpan(start, Math.Min(chunk, bytes.Length - start)));
        }

        writer.Complete();
        return (writer.Result, [.. channel.Recent.Latest(100).Select(l => Encoding.UTF8.GetString(l))]);
    }
}
