using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Dsl.Control.Wire;

/// <summary>
/// A duplex call in progress: write requests and read responses independently; call
/// <see cref="CompleteAsync"/> when done writing. Dispose cancels the call if it is still running.
/// </summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class DuplexStreamingCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly RequestWriter<TRequest, TResponse> _writer;
    private readonly ClientCall<TRequest, TResponse> _call;
    private readonly Task _started;

    internal DuplexStreamingCall(ClientCall<TRequest, TResponse> call, int maxSendMessageSize)
    {
        _call = call;
        _writer = new RequestWriter<TRequest, TResponse>(call, maxSendMessageSize);
        _started = StartAsync();
    }

    /// <summary>Sends one request message.</summary>
    /// <exception cref="RpcException">The call has already ended with an error (its status).</exception>
    public ValueTask WriteAsync(TRequest message, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(message, _started, cancellationToken);

    /// <summary>Ends the request stream (half-close).</summary>
    public Task CompleteAsync() => _writer.CompleteAsync();

    /// <summary>The responses; the enumeration throws <see cref="RpcException"/> when the call ends with an error.</summary>
    public async IAsyncEnumerable<TResponse> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _started.WaitAsync(cancellationToken).ConfigureAwait(false);
        while (await _call.ReadMessageAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false) is { } response)
        {
            yield return response;
        }

        _writer.Abandon();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Abandon();
        _call.Dispose();
    }

    private async Task StartAsync()
    {
        try
        {
            await _call.StartAsync(_writer.Content).ConfigureAwait(false);
        }
        catch
        {
            _writer.Abandon();
            throw;
        }
    }
}
