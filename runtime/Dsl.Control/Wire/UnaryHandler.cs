namespace Dsl.Control.Wire;

/// <summary>Serves a unary rpc: one request, one response. Throw <see cref="RpcException"/> for an error status.</summary>
public delegate Task<TResponse> UnaryHandler<in TRequest, TResponse>(TRequest request, ServerCallContext context);
