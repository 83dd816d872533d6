using Google.Protobuf;

namespace Dsl.Control.Wire;

internal sealed class DuplexStreamingServerMethod<TRequest, TResponse> : ServerMethod
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly DuplexStreamingHandler<TRequest, TResponse> _handler;

    public DuplexStreamingServerMethod(Method<TRequest, TResponse> method, DuplexStreamingHandler<TRequest, TResponse> handler)
        : base(method.FullName, method.RequiredRole)
    {
        _method = method;
        _handler = handler;
    }

    public override async Task InvokeAsync(ServerCall call)
    {
        await call.StartResponseAsync().ConfigureAwait(false);
        var requests = new RequestStream<TRequest>(call, _method.RequestParser);
        var responses = new ResponseStream<TResponse>(call);
        responses.Start();
        try
        {
            await _handler(requests, responses, call.Context).ConfigureAwait(false);
        }
        finally
        {
            await responses.CompleteAsync().ConfigureAwait(false);
        }
    }
}
