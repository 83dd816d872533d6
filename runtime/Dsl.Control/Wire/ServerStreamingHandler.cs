namespace Dsl.Control.Wire;

/// <summary>Serves a server-streaming rpc; the call ends (status OK) when the returned task completes.</summary>
public delegate Task ServerStreamingHandler<in TRequest, TResponse>(
    TRequest request,
    IServerStreamWriter<TResponse> responses,
    ServerCallContext context);
