namespace Dsl.LanguageServer.Protocol;

/// <summary>Thrown by a handler to answer a request with a JSON-RPC error instead of a result.</summary>
public sealed class JsonRpcException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
