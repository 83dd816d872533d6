namespace Dsl.Control.Wire;

/// <summary>Serves a client-streaming rpc; <paramref name="requests"/> ends when the client half-closes.</summary>
public delegate Task<TResponse> ClientStreamingHandler<TRequest, TResponse>(
    IAsyncEnumerable<TRequest> requests,
    ServerCallContext context);
