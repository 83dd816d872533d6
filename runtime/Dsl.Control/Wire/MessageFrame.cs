using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace Dsl.Control.Wire;

/// <summary>The gRPC length-prefixed message: a compressed flag, a 4-byte big-endian length, the bytes.</summary>
internal static class MessageFrame
{
    /// <summary>Serializes a message with its prefix; RESOURCE_EXHAUSTED when it is larger than <paramref name="maxSize"/>.</summary>
    public static byte[] Encode(IMessage message, int maxSize)
    {
        int size = message.CalculateSize();
        if (size > maxSize)
        {
            throw new RpcException(
                StatusCode.ResourceExhausted,
                $"The {message.Descriptor.Name} message is {size} bytes, more than the limit of {maxSize} bytes.");
        }

        var frame = new byte[GrpcProtocol.FrameHeaderSize + size];
        frame[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
        message.WriteTo(frame.AsSpan(GrpcProtocol.FrameHeaderSize));
        return frame;
    }

    /// <summary>
    /// Takes one whole message from the front of <paramref name="buffer"/>. False when more bytes are
    /// needed. Fails as soon as a prefix announces a compressed or oversized message, before its
    /// bytes arrive.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxSize, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < GrpcProtocol.FrameHeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.FrameHeaderSize];
        buffer.Slice(0, GrpcProtocol.FrameHeaderSize).CopyTo(header);
        if (header[0] == 1)
        {
            throw new RpcException(
                StatusCode.Internal,
                "A compressed message arrived, but compression is not supported: send messages uncompressed (grpc-encoding identity).");
        }

        if (header[0] != 0)
        {
            throw new RpcException(StatusCode.Internal, $"Invalid message prefix flag {header[0]}.");
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxSize)
        {
            throw new RpcException(
                StatusCode.ResourceExhausted,
                $"A message of {length} bytes is larger than the limit of {maxSize} bytes.");
        }

        long total = GrpcProtocol.FrameHeaderSize + (long)length;
        if (buffer.Length < total)
        {
            return false;
        }

        payload = buffer.Slice(GrpcProtocol.FrameHeaderSize, length);
        buffer = buffer.Slice(total);
        return true;
    }
}
