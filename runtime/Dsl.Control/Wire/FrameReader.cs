using System.IO.Pipelines;
using Google.Protobuf;

namespace Dsl.Control.Wire;

/// <summary>
/// Reads length-prefixed messages from a pipe, however the bytes were split into HTTP/2 DATA
/// frames: a message may span reads, and one read may hold several messages.
/// </summary>
internal sealed class FrameReader
{
    private readonly PipeReader _reader;
    private readonly int _maxMessageSize;

    public FrameReader(PipeReader reader, int maxMessageSize)
    {
        _reader = reader;
        _maxMessageSize = maxMessageSize;
    }

    /// <summary>The next message, or null at a clean end of the stream.</summary>
    public async ValueTask<T?> ReadAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var examined = buffer.End;
            try
            {
                if (MessageFrame.TryRead(ref buffer, _maxMessageSize, out var payload))
                {
                    // Only what was consumed counts as examined, so a further message already
                    // buffered is returned by the next read without waiting for more bytes.
                    consumed = buffer.Start;
                    examined = consumed;
                    return Parse(parser, payload);
                }

                if (result.IsCompleted)
                {
                    if (buffer.Length == 0)
                    {
                        return null;
                    }

                    throw new RpcException(StatusCode.Internal, "The stream ended in the middle of a message.");
                }
            }
            finally
            {
                _reader.AdvanceTo(consumed, examined);
            }
        }
    }

    private static T Parse<T>(MessageParser<T> parser, System.Buffers.ReadOnlySequence<byte> payload)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(StatusCode.Internal, "A message could not be parsed as the rpc's message type.");
        }
    }
}
