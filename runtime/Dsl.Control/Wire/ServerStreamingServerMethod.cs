using Google.Protobuf;

namespace Dsl.Control.Wire;

internal sealed class ServerStreamingServerMethod<TRequest, TResponse> : ServerMethod
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly ServerStreamingHandler<TRequest, TResponse> _handler;

    public ServerStreamingServerMethod(Method<TRequest, TResponse> method, ServerStreamingHandler<TRequest, TResponse> handler)
        : base(method.FullName, method.RequiredRole)
    {
        _method = method;
        _handler = handler;
    }

    public override async Task InvokeAsync(ServerCall call)
    {
        var request = await call.ReadSingleMessageAsync(_method.RequestParser).ConfigureAwait(false);
        await call.StartResponseAsync().ConfigureAwait(false);
        var responses = new ResponseStream<TResponse>(call);
        responses.Start();
        try
        {
            await _handler(request, responses, call.Context).ConfigureAwait(false);
        }
        finally
        {
            // Messages written before the handler ended (even with an error) reach the client first.
            await responses.CompleteAsync().ConfigureAwait(false);
        }
    }
}
