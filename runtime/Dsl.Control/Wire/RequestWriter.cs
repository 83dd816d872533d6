using System.Threading.Channels;
using Google.Protobuf;

namespace Dsl.Control.Wire;

/// <summary>The request side of a client-streaming or duplex client call.</summary>
internal sealed class RequestWriter<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    // One frame in hand is enough: the HTTP/2 stream's flow control is the real buffer.
    private readonly Channel<byte[]> _frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1) { SingleReader = true });
    private readonly ClientCall<TRequest, TResponse> _call;
    private readonly int _maxSendMessageSize;
    private bool _completed;

    public RequestWriter(ClientCall<TRequest, TResponse> call, int maxSendMessageSize)
    {
        _call = call;
        _maxSendMessageSize = maxSendMessageSize;
        Content = new StreamingRequestContent(_frames.Reader);
    }

    public HttpContent Content { get; }

    public async ValueTask WriteAsync(TRequest message, Task callTask, CancellationToken cancellationToken)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The request stream was already completed.");
        }

        var frame = MessageFrame.Encode(message, _maxSendMessageSize);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _call.CancellationToken);
            await _frames.Writer.WriteAsync(frame, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ChannelClosedException or OperationCanceledException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            // The call ended while writing: report why it ended.
            if (callTask.IsFaulted && callTask.Exception?.GetBaseException() is RpcException rpc)
            {
                throw rpc;
            }

            throw _call.Fail(e);
        }
    }

    public Task CompleteAsync()
    {
        _completed = true;
        _frames.Writer.TryComplete();
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting writes once the call has ended.</summary>
    public void Abandon() => _frames.Writer.TryComplete();
}
