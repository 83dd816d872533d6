using Google.Protobuf;

namespace Dsl.Control.Wire;

/// <summary>
/// A client-streaming call in progress. Write the requests, call <see cref="CompleteAsync"/>,
/// then await <see cref="ResponseAsync"/>. Dispose cancels the call if it is still running.
/// </summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class ClientStreamingCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly RequestWriter<TRequest, TResponse> _writer;
    private readonly ClientCall<TRequest, TResponse> _call;

    internal ClientStreamingCall(ClientCall<TRequest, TResponse> call, int maxSendMessageSize)
    {
        _call = call;
        _writer = new RequestWriter<TRequest, TResponse>(call, maxSendMessageSize);
        ResponseAsync = RunAsync();
    }

    /// <summary>The response, once the server has answered; faults with <see cref="RpcException"/> for other statuses.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>Sends one request message; waits while the transport applies back-pressure.</summary>
    /// <exception cref="RpcException">The call has already ended with an error (its status).</exception>
    public ValueTask WriteAsync(TRequest message, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(message, ResponseAsync, cancellationToken);

    /// <summary>Ends the request stream (half-close); the server then answers.</summary>
    public Task CompleteAsync() => _writer.CompleteAsync();

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Abandon();
        _call.Dispose();
    }

    private async Task<TResponse> RunAsync()
    {
        try
        {
            await _call.StartAsync(_writer.Content).ConfigureAwait(false);
            return await ControlChannel.SingleResponseAsync(_call).ConfigureAwait(false);
        }
        finally
        {
            _writer.Abandon();
        }
    }
}
