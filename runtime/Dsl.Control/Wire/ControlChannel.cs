using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using Dsl.Control.Security;
using Google.Protobuf;

namespace Dsl.Control.Wire;

/// <summary>
/// A gRPC client connection to the daemon over HTTP/2 (cleartext with prior knowledge for
/// http://, TLS for https://). Thread-safe; calls share one pooled connection. Every failure
/// surfaces as an <see cref="RpcException"/> carrying the gRPC status.
/// </summary>
/// <example>
/// <code>
/// using var channel = new ControlChannel(ClientConnection.Resolve(server, token, dataDir));
/// var jobs = await channel.UnaryAsync(JobsApi.List, new ListJobsRequest(), new CallOptions(Timeout: TimeSpan.FromSeconds(10)));
/// </code>
/// </example>
public sealed class ControlChannel : IDisposable
{
    private readonly HttpClient _http;
    private readonly int _maxSendMessageSize;
    private readonly ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);

    /// <summary>Connects to <paramref name="address"/> (nothing is sent until the first call).</summary>
    public ControlChannel(Uri address, ControlChannelOptions? options = null)
    {
        options ??= new ControlChannelOptions();
        Address = address;
        Authorization = options.Token is null ? null : "Bearer " + options.Token;
        TokenProblem = ProblemOf(options.Token);
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        _maxSendMessageSize = options.MaxSendMessageSize;
        var handler = options.Handler ?? OwnHandler(options.TrustedRoots);
        // Deadlines are per call; HttpClient's own timeout would cut long-lived streams.
        _http = new HttpClient(handler, options.Handler is null || options.DisposeHandler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Connects with resolved <see cref="ConnectionSettings"/> (server, token and trusted roots).</summary>
    public ControlChannel(ConnectionSettings settings)
        : this(settings.Server, new ControlChannelOptions { Token = settings.Token, TrustedRoots = settings.TrustedRoots })
    {
    }

    /// <summary>The server's address.</summary>
    public Uri Address { get; }

    private static SocketsHttpHandler OwnHandler(X509Certificate2Collection? trustedRoots)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        if (trustedRoots is { Count: > 0 })
        {
            handler.SslOptions.RemoteCertificateValidationCallback = TlsFiles.TrustingAlso(trustedRoots);
        }

        return handler;
    }

    /// <summary>The authorization header's value, built once.</summary>
    internal string? Authorization { get; }

    /// <summary>Why the token is refused without asking the server (see <see cref="ProblemOf"/>), or null.</summary>
    internal string? TokenProblem { get; }

    internal int MaxReceiveMessageSize { get; }

    internal HttpClient Http => _http;

    /// <summary>
    /// Whether the address answers an HTTP/1.1 request, asked after a cleartext HTTP/2 connection
    /// to it failed with no reason given. An HTTP/1.1-only port (the daemon's HTTP routes) answers
    /// the HTTP/2 preface with GOAWAY (HTTP_1_1_REQUIRED) and closes the connection; when the close
    /// overtakes the GOAWAY, the client is left with "the server did not complete the HTTP/2
    /// handshake" (an invalid response). One GET of the root settles it, without side effects on
    /// any server. Not over TLS (the daemon's TLS port speaks both versions) nor through a proxy,
    /// which would answer for itself.
    /// </summary>
    internal async Task<bool> AnswersHttp11Async(HttpRequestException failure, CancellationToken cancellation)
    {
        if (failure.HttpRequestError != HttpRequestError.InvalidResponse || Address.Scheme != Uri.UriSchemeHttp
            || (HttpClient.DefaultProxy.GetProxy(Address) is { } proxy && proxy != Address))
        {
            return false;
        }

        using var probe = new HttpRequestMessage(HttpMethod.Get, Address)
        {
            Version = System.Net.HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var response = await _http.SendAsync(probe, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return response.Version.Major == 1;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Why a token cannot authenticate, said here since the transport would say something else:
    /// one far too long (a file's contents passed as the token, say) would pass the server's header
    /// limit, whose HTTP 431 or reset carries no gRPC status; a line break or a character beyond
    /// ASCII cannot go in a header at all, and the call would fail as if the server were out of
    /// reach. No token has either.
    /// </summary>
    private static string? ProblemOf(string? token)
    {
        if (token is null)
        {
            return null;
        }

        if (token.Length > TokenHashing.MaxTokenLength)
        {
            return $"The token is {token.Length} characters long; no token the server accepts is longer than {TokenHashing.MaxTokenLength}, so it was not sent.";
        }

        int at = token.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        return at < 0
            ? null
            : $"The token holds U+{(int)token[at]:X4} at character {at + 1}, which no token has (they are ASCII letters, digits, '-' and '_'), so it was not sent.";
    }

    /// <summary>Calls a unary rpc.</summary>
    /// <exception cref="RpcException">The call ended with a status other than OK.</exception>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        using var call = new ClientCall<TRequest, TResponse>(this, method, options);
        await call.StartAsync(Content(request)).ConfigureAwait(false);
        return await SingleResponseAsync(call).ConfigureAwait(false);
    }

    /// <summary>Calls a server-streaming rpc; the call starts when enumeration starts and is cancelled when it stops early.</summary>
    /// <exception cref="RpcException">Thrown by the enumeration when the call ends with a status other than OK.</exception>
    public async IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        TRequest request,
        CallOptions options = default,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        using var call = new ClientCall<TRequest, TResponse>(this, method, options, cancellationToken);
        await call.StartAsync(Content(request)).ConfigureAwait(false);
        while (await call.ReadMessageAsync().ConfigureAwait(false) is { } response)
        {
            yield return response;
        }
    }

    /// <summary>Starts a client-streaming call: write requests, complete, then await the response.</summary>
    public ClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        new(new ClientCall<TRequest, TResponse>(this, method, options), _maxSendMessageSize);

    /// <summary>Starts a duplex call: requests and responses flow independently.</summary>
    public DuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        new(new ClientCall<TRequest, TResponse>(this, method, options), _maxSendMessageSize);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    internal static async Task<TResponse> SingleResponseAsync<TRequest, TResponse>(ClientCall<TRequest, TResponse> call)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var response = await call.ReadMessageAsync().ConfigureAwait(false)
            ?? throw call.Fail(new RpcException(StatusCode.Internal, "The call ended with OK but without a response message."));
        if (await call.ReadMessageAsync().ConfigureAwait(false) is not null)
        {
            throw call.Fail(new RpcException(StatusCode.Internal, "The server sent more than one response message to a single-response rpc."));
        }

        return response;
    }

    /// <summary>The URI of an rpc, resolved once per method rather than parsed again on every call.</summary>
    internal Uri UriOf(string fullName) => _uris.GetOrAdd(fullName, static (name, address) => new Uri(address, name), Address);

    private ByteArrayContent Content(IMessage request)
    {
        var content = new ByteArrayContent(MessageFrame.Encode(request, _maxSendMessageSize));
        content.Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
        return content;
    }
}
