using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Dsl.Control.Tests.Infrastructure;

/// <summary>
/// Hand-made gRPC requests over HttpClient, byte for byte: how the server handles frames split
/// or packed in odd ways, bad headers, and the exact shape of its responses.
/// </summary>
internal static class RawGrpc
{
    public static byte[] Frame(IMessage message, byte flag = 0)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static async Task<RawResponse> SendAsync(
        Uri address,
        string method,
        string? token,
        IReadOnlyList<byte[]> chunks,
        IReadOnlyDictionary<string, string>? headers = null,
        bool holdOpen = false,
        TimeSpan? timeout = null)
    {
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ChunkedContent(chunks, holdOpen),
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", "Bearer " + token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        var body = await response.Content.ReadAsByteArrayAsync(cancel.Token);
        return new RawResponse(
            response.StatusCode,
            Flatten(response.Headers, response.Content.Headers),
            body,
            Flatten(response.TrailingHeaders));
    }

    private static Dictionary<string, string> Flatten(params HttpHeaders[] collections)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var headers in collections)
        {
            foreach (var (name, values) in headers)
            {
                result[name] = string.Join(",", values);
            }
        }

        return result;
    }

    /// <summary>Writes each chunk as its own flushed write, so each becomes at least one DATA frame.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly IReadOnlyList<byte[]> _chunks;
        private readonly bool _holdOpen;

        public ChunkedContent(IReadOnlyList<byte[]> chunks, bool holdOpen)
        {
            _chunks = chunks;
            _holdOpen = holdOpen;
            Headers.TryAddWithoutValidation("content-type", "application/grpc");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            foreach (var chunk in _chunks)
            {
                await stream.WriteAsync(chunk, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                await Task.Delay(5, cancellationToken);
            }

            if (_holdOpen)
            {
                // Never half-close: the server must answer without waiting for the rest.
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
