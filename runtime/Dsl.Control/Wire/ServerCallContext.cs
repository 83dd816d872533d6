using Dsl.Control.Security;

namespace Dsl.Control.Wire;

/// <summary>What a handler knows about the call it serves.</summary>
public sealed class ServerCallContext
{
    private readonly IReadOnlyDictionary<string, string> _requestHeaders;

    internal ServerCallContext(
        string method,
        Caller caller,
        DateTimeOffset? deadline,
        string peer,
        IReadOnlyDictionary<string, string> requestHeaders,
        CancellationToken cancellationToken)
    {
        Method = method;
        Caller = caller;
        Deadline = deadline;
        Peer = peer;
        _requestHeaders = requestHeaders;
        CancellationToken = cancellationToken;
    }

    /// <summary>The rpc being served, as <c>package.Service/Method</c>.</summary>
    public string Method { get; }

    /// <summary>The authenticated caller (token name and role).</summary>
    public Caller Caller { get; }

    /// <summary>When the client stops waiting (from <c>grpc-timeout</c>); null when it set none, or one over 24 days away (as good as none).</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>The client's address, e.g. <c>127.0.0.1:53122</c>.</summary>
    public string Peer { get; }

    /// <summary>
    /// Cancelled when the call ends early (the deadline passed, the client cancelled or went
    /// away, a streaming client fell too far behind, the server is stopping) and once the call is
    /// over. Handlers pass it to everything they await.
    /// </summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>A request header (metadata) by lowercase name; the authorization header is withheld.</summary>
    public string? GetRequestHeader(string name) =>
        _requestHeaders.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
