namespace Dsl.Control.Wire;

/// <summary>
/// The response stream of a server-streaming or duplex call. Messages go through a bounded
/// per-call buffer that a background pump writes to the client, so a slow client never slows
/// the producer: when the buffer is full the stream is dropped (the client sees
/// RESOURCE_EXHAUSTED) and writes return false.
/// </summary>
/// <typeparam name="T">The response message type.</typeparam>
public interface IServerStreamWriter<in T>
{
    /// <summary>
    /// Queues a message without ever waiting. False when the stream is gone (the call ended, the
    /// client went away, or this write overflowed the buffer and dropped the stream); a producer
    /// fanning out to many streams simply forgets a stream that returned false.
    /// </summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED when the message alone exceeds the send limit.</exception>
    bool TryWrite(T message);

    /// <summary>
    /// Queues a message, waiting for buffer space instead of dropping the stream: for a handler
    /// that owns its stream and wants to pace itself to the client (e.g. sending a large
    /// snapshot). Do not use it from a shared producer.
    /// </summary>
    /// <exception cref="OperationCanceledException">The call ended or <paramref name="cancellationToken"/> fired.</exception>
    ValueTask WriteAsync(T message, CancellationToken cancellationToken = default);
}
