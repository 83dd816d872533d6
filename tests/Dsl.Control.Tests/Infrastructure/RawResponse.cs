using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;

namespace Dsl.Control.Tests.Infrastructure;

/// <summary>A response as it came over the wire: status line, headers, body bytes and trailers.</summary>
internal sealed record RawResponse(
    HttpStatusCode HttpStatus,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    IReadOnlyDictionary<string, string> Trailers)
{
    /// <summary>True when the status came in the headers with no body and no trailers.</summary>
    public bool IsTrailersOnly => Headers.ContainsKey("grpc-status") && Body.Length == 0 && Trailers.Count == 0;

    public int GrpcStatus => int.Parse(Trailers.GetValueOrDefault("grpc-status") ?? Headers["grpc-status"], System.Globalization.CultureInfo.InvariantCulture);

    public string GrpcMessage => Trailers.GetValueOrDefault("grpc-message") ?? Headers.GetValueOrDefault("grpc-message") ?? string.Empty;

    public IReadOnlyList<T> Messages<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        var messages = new List<T>();
        int offset = 0;
        while (offset < Body.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(Body.AsSpan(offset + 1));
            messages.Add(parser.ParseFrom(Body, offset + 5, length));
            offset += 5 + length;
        }

        return messages;
    }
}
