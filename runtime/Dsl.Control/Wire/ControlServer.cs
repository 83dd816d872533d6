using Dsl.Control.Security;
using Dsl.Control.V1;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dsl.Control.Wire;

/// <summary>
/// A gRPC server on Kestrel. Register handlers with the <c>Map…</c> methods (before
/// <see cref="StartAsync"/>), then start it. Every call is authenticated with a bearer token
/// and authorized against the rpc's role before its handler runs.
/// </summary>
/// <example>
/// <code>
/// var server = new ControlServer(new ControlServerOptions { Authenticator = tokens });
/// server.MapUnary(JobsApi.List, (request, context) => Task.FromResult(new ListJobsResponse()));
/// await server.StartAsync();
/// </code>
/// </example>
public sealed class ControlServer : IAsyncDisposable
{
    private readonly ControlServerOptions _options;
    private readonly Dictionary<string, ServerMethod> _methods = new(StringComparer.Ordinal);
    private readonly List<HttpRoute> _routes = [];
    private WebApplication? _app;
    private CallDispatcher? _dispatcher;
    private ListenOptions? _grpcListen;
    private ListenOptions? _http1Listen;
    private Uri? _address;
    private Uri? _http1Address;

    /// <summary>Creates a server; nothing listens until <see cref="StartAsync"/>.</summary>
    public ControlServer(ControlServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.Authenticator);
        if (options.MaxReceiveMessageSize <= 0 || options.MaxSendMessageSize <= 0 || options.StreamBufferBytes <= 0)
        {
            throw new ArgumentException("Message size limits and the stream buffer must be positive.", nameof(options));
        }

        _options = options;
    }

    /// <summary>The address clients use, e.g. <c>http://127.0.0.1:7400</c>, with the real port when port 0 was asked.</summary>
    /// <exception cref="InvalidOperationException">The server has not started.</exception>
    public Uri Address => _address ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The address of <see cref="ControlServerOptions.Http1EndPoint"/>, or null when there is none.</summary>
    public Uri? Http1Address => _http1Address;

    /// <summary>The rpcs registered so far, as <c>package.Service/Method</c>.</summary>
    public IReadOnlyCollection<string> Methods => _methods.Values.Select(m => m.FullName).ToArray();

    /// <summary>Registers a unary rpc.</summary>
    public void MapUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        Expect(method, MethodKind.Unary);
        Add(new UnaryServerMethod<TRequest, TResponse>(method, handler));
    }

    /// <summary>Registers a unary rpc by name, e.g. <c>MapUnary&lt;Req, Res&gt;("dsl.control.v1.Jobs/List", handler, Role.Viewer)</c>.</summary>
    public void MapUnary<TRequest, TResponse>(string fullName, UnaryHandler<TRequest, TResponse> handler, Role requiredRole)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        MapUnary(new Method<TRequest, TResponse>(fullName, MethodKind.Unary, requiredRole), handler);

    /// <summary>Registers a server-streaming rpc.</summary>
    public void MapServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        Expect(method, MethodKind.ServerStreaming);
        Add(new ServerStreamingServerMethod<TRequest, TResponse>(method, handler));
    }

    /// <summary>Registers a client-streaming rpc.</summary>
    public void MapClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        Expect(method, MethodKind.ClientStreaming);
        Add(new ClientStreamingServerMethod<TRequest, TResponse>(method, handler));
    }

    /// <summary>Registers a duplex (bidirectional streaming) rpc.</summary>
    public void MapDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        Expect(method, MethodKind.DuplexStreaming);
        Add(new DuplexStreamingServerMethod<TRequest, TResponse>(method, handler));
    }

    /// <summary>
    /// Serves a plain HTTP endpoint beside the rpcs: <paramref name="path"/> exactly, or every path
    /// under it when it ends with '/'. Callers authenticate with <c>Bearer TOKEN</c> or, for git's
    /// HTTP client, <c>Basic</c> with the token as password (401/403 otherwise); the handler finds
    /// the caller with <see cref="GetCaller"/>. Routes are served on the main endpoint (HTTP/2, or
    /// both versions with TLS) and on <see cref="ControlServerOptions.Http1EndPoint"/> when set.
    /// </summary>
    public void MapHttp(string path, Role requiredRole, RequestDelegate handler)
    {
        ThrowIfStarted();
        if (!path.StartsWith('/') || requiredRole == Role.Unspecified)
        {
            throw new ArgumentException("The path must start with '/' and the route needs a role.", nameof(path));
        }

        _routes.Add(new HttpRoute(path, requiredRole, handler));
    }

    /// <summary>The authenticated caller of a request served by a <see cref="MapHttp"/> handler.</summary>
    public static Caller? GetCaller(HttpContext http) => http.Items.TryGetValue(typeof(Caller), out var value) ? value as Caller : null;

    /// <summary>Binds the endpoint and starts serving.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfStarted();
        var loggerFactory = _options.LoggerFactory ?? NullLoggerFactory.Instance;
        var limits = new CallLimits(_options.MaxReceiveMessageSize, _options.MaxSendMessageSize, _options.StreamBufferBytes);
        var dispatcher = new CallDispatcher(_methods, _routes, _options.Authenticator, limits, loggerFactory.CreateLogger<ControlServer>());

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ControlServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(ConfigureKestrel);

        var app = builder.Build();
        app.Run(dispatcher.DispatchAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A port in use, say: the dispatcher's revocation timer must not outlive the failed start.
            dispatcher.StopCalls();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _app = app;
        _dispatcher = dispatcher;
        _address = AddressOf(_grpcListen, _options.Certificate is null ? "http" : "https");
        _http1Address = _http1Listen is null ? null : AddressOf(_http1Listen, "http");
    }

    /// <summary>
    /// Stops serving: calls in progress (open watches included) end with UNAVAILABLE and their
    /// handlers are cancelled; then the listener closes, waiting at most until
    /// <paramref name="cancellationToken"/> fires for the connections to drain.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _dispatcher?.StopCalls();
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _dispatcher?.StopCalls();
        if (_app is { } app)
        {
            _app = null;
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(grace.Token).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void ConfigureKestrel(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = null;
        kestrel.Limits.MinRequestBodyDataRate = null;
        kestrel.Limits.MinResponseDataRate = null;

        // Pings find clients that vanished without closing, so their watch streams end.
        kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(30);
        kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
        kestrel.Listen(_options.EndPoint, listen =>
        {
            _grpcListen = listen;
            if (_options.Certificate is { } certificate)
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate, ServerCertificateChain = _options.CertificateChain });
            }
            else
            {
                listen.Protocols = HttpProtocols.Http2;
            }
        });
        if (_options.Http1EndPoint is { } http1)
        {
            kestrel.Listen(http1, listen =>
            {
                _http1Listen = listen;
                listen.Protocols = HttpProtocols.Http1;
            });
        }
    }

    private static Uri AddressOf(ListenOptions? listen, string scheme)
    {
        // Kestrel writes the bound port back into the listen options, so port 0 resolves here.
        var endPoint = listen?.IPEndPoint ?? throw new InvalidOperationException("Kestrel did not bind the endpoint.");
        var address = endPoint.Address;

        // Clients on this host reach a wildcard bind through loopback.
        if (address.Equals(System.Net.IPAddress.Any))
        {
            address = System.Net.IPAddress.Loopback;
        }
        else if (address.Equals(System.Net.IPAddress.IPv6Any))
        {
            address = System.Net.IPAddress.IPv6Loopback;
        }

        return new UriBuilder(scheme, address.ToString(), endPoint.Port).Uri;
    }

    private static void Expect<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodKind kind)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        if (method.Kind != kind)
        {
            throw new ArgumentException($"{method.FullName} is a {method.Kind} rpc, not {kind}.", nameof(method));
        }
    }

    private void Add(ServerMethod method)
    {
        ThrowIfStarted();
        var path = "/" + method.FullName;
        if (!_methods.TryAdd(path, method))
        {
            throw new InvalidOperationException($"{method.FullName} is already registered.");
        }
    }

    private void ThrowIfStarted()
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("Handlers and routes must be registered before the server starts.");
        }
    }
}
