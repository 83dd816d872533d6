namespace Dsl.Control.Wire;

/// <summary>Serves a duplex rpc: requests and responses flow independently until the task completes.</summary>
public delegate Task DuplexStreamingHandler<TRequest, TResponse>(
    IAsyncEnumerable<TRequest> requests,
    IServerStreamWriter<TResponse> responses,
    ServerCallContext context);
