using Google.Protobuf;

namespace Dsl.Control.Wire;

internal sealed class UnaryServerMethod<TRequest, TResponse> : ServerMethod
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly UnaryHandler<TRequest, TResponse> _handler;

    public UnaryServerMethod(Method<TRequest, TResponse> method, UnaryHandler<TRequest, TResponse> handler)
        : base(method.FullName, method.RequiredRole)
    {
        _method = method;
        _handler = handler;
    }

    public override async Task InvokeAsync(ServerCall call)
    {
        var request = await call.ReadSingleMessageAsync(_method.RequestParser).ConfigureAwait(false);
        var response = await _handler(request, call.Context).ConfigureAwait(false);
        var frame = MessageFrame.Encode(response, call.Limits.MaxSendMessageSize);
        await call.WriteFrameAsync(frame).ConfigureAwait(false);
    }
}
