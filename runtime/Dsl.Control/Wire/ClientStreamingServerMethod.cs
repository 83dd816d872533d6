using Google.Protobuf;

namespace Dsl.Control.Wire;

internal sealed class ClientStreamingServerMethod<TRequest, TResponse> : ServerMethod
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly ClientStreamingHandler<TRequest, TResponse> _handler;

    public ClientStreamingServerMethod(Method<TRequest, TResponse> method, ClientStreamingHandler<TRequest, TResponse> handler)
        : base(method.FullName, method.RequiredRole)
    {
        _method = method;
        _handler = handler;
    }

    public override async Task InvokeAsync(ServerCall call)
    {
        var requests = new RequestStream<TRequest>(call, _method.RequestParser);
        var response = await _handler(requests, call.Context).ConfigureAwait(false);
        var frame = MessageFrame.Encode(response, call.Limits.MaxSendMessageSize);
        await call.WriteFrameAsync(frame).ConfigureAwait(false);
    }
}
