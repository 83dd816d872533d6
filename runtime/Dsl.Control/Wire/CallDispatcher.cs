using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dsl.Control.Security;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Dsl.Control.Wire;

/// <summary>
/// The one request delegate of the server: checks protocol, token, route, role, encoding and
/// deadline, runs the handler, and turns every outcome into a gRPC status.
/// </summary>
internal sealed class CallDispatcher
{
    // CancellationTokenSource timers take at most int.MaxValue milliseconds (~24 days); longer
    // deadlines are as good as none.
    private static readonly TimeSpan _longestTimer = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    // How soon a call in progress (an open watch, say) ends after its token is revoked.
    private static readonly TimeSpan _revocationCheck = TimeSpan.FromSeconds(1);

    private const string ServerStoppingMessage = "The server is shutting down.";

    private const string RevokedMessage = "The call's token was revoked (or lost the role this rpc needs).";

    private readonly IReadOnlyDictionary<string, ServerMethod> _methods;
    private readonly IReadOnlyList<HttpRoute> _routes;
    private readonly ICallAuthenticator _authenticator;
    private readonly CallLimits _limits;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ServerCall, Credential> _active = new();
    private readonly ConcurrentDictionary<HttpContext, Credential> _activeHttp = new();
    private readonly Timer _revocations;
    private volatile bool _stopping;

    public CallDispatcher(
        IReadOnlyDictionary<string, ServerMethod> methods,
        IReadOnlyList<HttpRoute> routes,
        ICallAuthenticator authenticator,
        CallLimits limits,
        ILogger logger)
    {
        _methods = methods;
        _routes = routes;
        _authenticator = authenticator;
        _limits = limits;
        _logger = logger;
        _revocations = new Timer(_ => EndRevokedCalls(), null, _revocationCheck, _revocationCheck);
    }

    /// <summary>Refuses new calls and ends those in progress with UNAVAILABLE, so clients reconnect elsewhere or later.</summary>
    public void StopCalls()
    {
        _stopping = true;
        _revocations.Dispose();
        foreach (var call in _active.Keys)
        {
            call.Interrupt(Interruption.ServerStopping);
        }
    }

    public Task DispatchAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        if (_methods.ContainsKey(path) || GrpcProtocol.IsGrpcContentType(http.Request.ContentType))
        {
            return DispatchRpcAsync(http, path);
        }

        foreach (var route in _routes)
        {
            if (route.Matches(http.Request.Path))
            {
                return DispatchHttpAsync(http, route);
            }
        }

        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private async Task DispatchRpcAsync(HttpContext http, string path)
    {
        var request = http.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            http.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            http.Response.Headers.Upgrade = "h2c";
            await http.Response.WriteAsync("gRPC needs HTTP/2.\n").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            await TrailersOnlyAsync(http, StatusCode.Unimplemented, $"gRPC calls are POST requests, not {request.Method}.").ConfigureAwait(false);
            return;
        }

        if (!GrpcProtocol.IsProtoContentType(request.ContentType))
        {
            await TrailersOnlyAsync(http, StatusCode.Unimplemented, $"Content type '{request.ContentType}' is not supported; use application/grpc (protobuf).").ConfigureAwait(false);
            return;
        }

        if (_stopping)
        {
            await TrailersOnlyAsync(http, StatusCode.Unavailable, ServerStoppingMessage).ConfigureAwait(false);
            return;
        }

        bool sent = AuthorizationHeader.TryGetToken(request.Headers.Authorization.ToString(), allowBasic: false, out var token);
        var caller = sent ? _authenticator.Authenticate(token) : null;
        if (caller is null)
        {
            // A token that was sent is not this daemon's: saying a token is required would send the
            // caller looking for a header it did send. While none is accepted, that comes first:
            // a caller told to send one would send it to be refused too.
            await TrailersOnlyAsync(http, StatusCode.Unauthenticated, _authenticator.RefusesAll ?? (sent
                ? "The token is not known to this daemon (revoked, or from another data directory)."
                : "A valid bearer token is required (authorization: Bearer <token>).")).ConfigureAwait(false);
            return;
        }

        var fullName = path.TrimStart('/');
        if (!_methods.TryGetValue(path, out var method))
        {
            await TrailersOnlyAsync(http, StatusCode.Unimplemented, $"The server does not implement '{fullName}'.").ConfigureAwait(false);
            return;
        }

        if (!caller.HasRole(method.RequiredRole))
        {
            var message = $"{fullName} needs the {Roles.Name(method.RequiredRole)} role; token '{caller.Name}' has the {Roles.Name(caller.Role)} role.";
            await TrailersOnlyAsync(http, StatusCode.PermissionDenied, message).ConfigureAwait(false);
            return;
        }

        var encoding = request.Headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Length > 0 && !encoding.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            var message = $"Message compression '{encoding}' is not supported; send messages uncompressed (grpc-encoding: identity).";
            await TrailersOnlyAsync(http, StatusCode.Unimplemented, message).ConfigureAwait(false);
            return;
        }

        TimeSpan? timeout = null;
        var timeoutText = request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        if (timeoutText.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeoutText, out var parsed))
            {
                await TrailersOnlyAsync(http, StatusCode.Internal, $"Malformed grpc-timeout '{timeoutText}'.").ConfigureAwait(false);
                return;
            }

            // Longer than a timer holds is as good as none; the header allows nearly 11 416 years
            // (99999999H), past the last date a deadline can name.
            timeout = parsed <= _longestTimer ? parsed : null;
        }

        // A long-lived stream is neither size- nor rate-limited by Kestrel: message size is
        // checked per message, and slow clients are handled by the response buffer.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        await RunAsync(http, method, new Credential(token, method.RequiredRole), caller, timeout).ConfigureAwait(false);
    }

    private async Task RunAsync(HttpContext http, ServerMethod method, Credential credential, Caller caller, TimeSpan? timeout)
    {
        var call = new ServerCall(http, method.FullName, caller, timeout, _limits);
        _active.TryAdd(call, credential);
        try
        {
            if (_stopping)
            {
                call.Interrupt(Interruption.ServerStopping);
            }

            await RunAsync(call, http, method, timeout).ConfigureAwait(false);
        }
        finally
        {
            _active.TryRemove(call, out _);
        }
    }

    private async Task RunAsync(ServerCall call, HttpContext http, ServerMethod method, TimeSpan? timeout)
    {
        using var clientGone = http.RequestAborted.Register(() => call.Interrupt(Interruption.ClientGone));
        using var deadline = timeout is { } t ? new CancellationTokenSource(t) : null;
        using var deadlineRegistration = deadline?.Token.Register(() => call.Interrupt(Interruption.DeadlineExceeded));

        // Run the handler apart from this request so that a handler that blocks (even before its
        // first await) cannot hold back the deadline or the client's cancellation.
        var work = Task.Run(() => method.InvokeAsync(call));
        var first = await Task.WhenAny(work, call.Interrupted).ConfigureAwait(false);

        // An interruption cancels the handler: its task may then end before WhenAny has seen the
        // interruption, and the call must still end with the interruption's status.
        if (first == work && !call.Interrupted.IsCompleted && work.Exception?.GetBaseException() is StreamDroppedException dropped)
        {
            _logger.LogWarning("Dropped a {Method} stream to {Peer}: {Reason}", method.FullName, call.Context.Peer, dropped.Message);
            await call.ResetAsync(Http2ErrorCodes.EnhanceYourCalm).ConfigureAwait(false);
            return;
        }

        if (first == work && !call.Interrupted.IsCompleted)
        {
            var (status, message, details) = Outcome(work, call, method.FullName);
            await call.EndAsync(status, message, details).ConfigureAwait(false);
            return;
        }

        ObserveAbandoned(work, method.FullName);
        switch (await call.Interrupted.ConfigureAwait(false))
        {
            case Interruption.DeadlineExceeded:
                await call.EndAsync(StatusCode.DeadlineExceeded, "Deadline exceeded.", []).ConfigureAwait(false);
                break;
            case Interruption.ServerStopping:
                await call.EndAsync(StatusCode.Unavailable, ServerStoppingMessage, []).ConfigureAwait(false);
                break;
            case Interruption.Revoked:
                await call.EndAsync(StatusCode.Unauthenticated, RevokedMessage, []).ConfigureAwait(false);
                break;
            case Interruption.Overflow:
                _logger.LogWarning("Dropped a {Method} stream to {Peer}: the client fell more than {Bytes} bytes behind.", method.FullName, call.Context.Peer, _limits.StreamBufferBytes);
                await call.ResetAsync(Http2ErrorCodes.EnhanceYourCalm).ConfigureAwait(false);
                break;
            default:
                await call.ResetAsync(Http2ErrorCodes.Cancel).ConfigureAwait(false);
                break;
        }
    }

    private (StatusCode Status, string Message, IReadOnlyList<Any> Details) Outcome(Task work, ServerCall call, string method)
    {
        if (work.IsCompletedSuccessfully)
        {
            return (StatusCode.OK, string.Empty, []);
        }

        var error = work.Exception?.GetBaseException();
        if (work.IsCanceled || error is OperationCanceledException)
        {
            return call.Interrupted.IsCompletedSuccessfully && call.Interrupted.Result == Interruption.DeadlineExceeded
                ? (StatusCode.DeadlineExceeded, "Deadline exceeded.", [])
                : (StatusCode.Cancelled, "The call was cancelled.", []);
        }

        if (error is RpcException rpc)
        {
            return (rpc.Status, rpc.Message, rpc.Details);
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        _logger.LogError(error, "{Method} failed (error id {ErrorId}).", method, id);
        return (StatusCode.Internal, $"The server failed to handle the call (error id {id}); the server log has the details.", []);
    }

    private void ObserveAbandoned(Task work, string method) =>
        _ = work.ContinueWith(
            t =>
            {
                var error = t.Exception?.GetBaseException();
                if (error is not null and not OperationCanceledException and not RpcException)
                {
                    _logger.LogError(error, "{Method} failed after the call had ended.", method);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>
    /// Ends the calls and HTTP requests whose token no longer admits them: a token is checked when a
    /// call starts, and a revoked one must not keep an open stream, such as a watch of outputs or
    /// an ingest, flowing.
    /// </summary>
    private void EndRevokedCalls()
    {
        foreach (var (call, credential) in _active)
        {
            if (!Admits(credential))
            {
                call.Interrupt(Interruption.Revoked);
            }
        }

        // A plain HTTP request has no status to end with: its connection is cut.
        foreach (var (http, credential) in _activeHttp)
        {
            if (!Admits(credential))
            {
                http.Abort();
            }
        }
    }

    private bool Admits(Credential credential) =>
        _authenticator.Authenticate(credential.Token) is { } caller && caller.HasRole(credential.RequiredRole);

    private async Task DispatchHttpAsync(HttpContext http, HttpRoute route)
    {
        bool sent = AuthorizationHeader.TryGetToken(http.Request.Headers.Authorization.ToString(), allowBasic: true, out var token);
        var caller = sent ? _authenticator.Authenticate(token) : null;
        if (caller is null)
        {
            // Said in words as well: a gateway's log shows the body of a refused POST, not its headers.
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = "Bearer, Basic realm=\"dsl\"";
            await http.Response.WriteAsync((_authenticator.RefusesAll ?? (sent
                ? "The token is not known to this daemon (revoked, or from another data directory)."
                : "A token is needed: send Authorization: Bearer TOKEN (dsl token create --role ROLE makes one).")) + "\n").ConfigureAwait(false);
            return;
        }

        if (!caller.HasRole(route.RequiredRole))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsync($"This needs the {Roles.Name(route.RequiredRole)} role.\n").ConfigureAwait(false);
            return;
        }

        http.Items[typeof(Caller)] = caller;
        // A request may last as long as a call (a chunked POST /ingest a gateway keeps open).
        _activeHttp.TryAdd(http, new Credential(token, route.RequiredRole));
        try
        {
            await route.Handler(http).ConfigureAwait(false);
        }
        finally
        {
            _activeHttp.TryRemove(http, out _);
        }
    }

    private static async Task TrailersOnlyAsync(HttpContext http, StatusCode status, string message)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(StatusLimits.CapMessage(message));
        await response.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>The token a call came with and the role its rpc needs, to check again while the call lasts.</summary>
    private sealed record Credential(string Token, V1.Role RequiredRole);
}
