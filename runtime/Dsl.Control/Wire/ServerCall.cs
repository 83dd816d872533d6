using System.Globalization;
using Dsl.Control.Security;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Dsl.Control.Wire;

/// <summary>
/// One call in progress. All access to the HTTP request and response goes through here, behind
/// gates, so that once the call has ended (possibly while a handler is still running after a
/// deadline) nothing touches the pooled <see cref="HttpContext"/> again.
/// </summary>
internal sealed class ServerCall
{
    // How long the final status may wait for a client that stopped reading before the stream is reset.
    private static readonly TimeSpan _completionGrace = TimeSpan.FromSeconds(2);

    private readonly HttpContext _http;
    private readonly FrameReader _frames;

    // Two tokens: the handler's is cancelled as soon as the call is cut short; the one on writes
    // only when the stream is given up, because cancelling a flush in progress makes Kestrel
    // reset the stream and the final status would be lost.
    private readonly CancellationTokenSource _handlerCts = new();
    private readonly CancellationTokenSource _transportCts = new();
    private readonly TaskCompletionSource<Interruption> _interrupted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile bool _finished;
    private int _ending;

    public ServerCall(HttpContext http, string method, Caller caller, TimeSpan? timeout, CallLimits limits)
    {
        _http = http;
        Limits = limits;
        _frames = new FrameReader(http.Request.BodyReader, limits.MaxReceiveMessageSize);
        DateTimeOffset? deadline = timeout is { } t ? DateTimeOffset.UtcNow + t : null;
        Context = new ServerCallContext(method, caller, deadline, PeerOf(http), CopyHeaders(http.Request.Headers), _handlerCts.Token);
    }

    public ServerCallContext Context { get; }

    public CallLimits Limits { get; }

    /// <summary>The handler's token: cancelled when the call is cut short or over.</summary>
    public CancellationToken CancellationToken => _handlerCts.Token;

    /// <summary>Completes when the call is cut short; see <see cref="Interruption"/>.</summary>
    public Task<Interruption> Interrupted => _interrupted.Task;

    public void Interrupt(Interruption reason)
    {
        if (_interrupted.TrySetResult(reason))
        {
            // Asynchronously: callbacks registered by handlers must not run on a producer's thread.
            _ = _handlerCts.CancelAsync();
        }
    }

    public async ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken = default)
        where T : class, IMessage<T>
    {
        using var linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(_handlerCts.Token, cancellationToken)
            : null;
        var token = linked?.Token ?? _handlerCts.Token;
        await _readGate.WaitAsync(token).ConfigureAwait(false);
        try
        {
            token.ThrowIfCancellationRequested();
            ThrowIfFinished();
            return await _frames.ReadAsync(parser, token).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // Kestrel fails the request body when the client resets the stream or drops the
            // connection, sometimes before it signals RequestAborted: the client is gone, and
            // the call is cancelled rather than failed.
            Interrupt(Interruption.ClientGone);
            throw new OperationCanceledException("The client cancelled the call.", e, _handlerCts.Token);
        }
        finally
        {
            _readGate.Release();
        }
    }

    /// <summary>The one request message of a unary or server-streaming call.</summary>
    public async ValueTask<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var message = await ReadMessageAsync(parser).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "The request carried no message; this rpc takes exactly one.");
        if (await ReadMessageAsync(parser).ConfigureAwait(false) is not null)
        {
            throw new RpcException(StatusCode.Internal, "The request carried more than one message; this rpc takes exactly one.");
        }

        return message;
    }

    /// <summary>Sends the response headers now, so a streaming client knows the call was accepted.</summary>
    public async ValueTask StartResponseAsync()
    {
        await _writeGate.WaitAsync(_transportCts.Token).ConfigureAwait(false);
        try
        {
            ThrowIfFinished();
            SetResponseHeaders();
            await _http.Response.StartAsync(_transportCts.Token).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Writes one length-prefixed message and flushes it.</summary>
    public async ValueTask WriteFrameAsync(ReadOnlyMemory<byte> frame)
    {
        await _writeGate.WaitAsync(_transportCts.Token).ConfigureAwait(false);
        try
        {
            ThrowIfFinished();
            SetResponseHeaders();
            var result = await _http.Response.BodyWriter.WriteAsync(frame, _transportCts.Token).ConfigureAwait(false);
            if (result.IsCanceled || result.IsCompleted)
            {
                throw new OperationCanceledException(_transportCts.Token);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Ends the call with a status: in the headers (Trailers-Only) when nothing was sent yet,
    /// otherwise in trailers. Then fences off the request and response for good.
    /// </summary>
    public async Task EndAsync(StatusCode status, string message, IReadOnlyList<Any> details)
    {
        if (!ClaimEnd())
        {
            return;
        }

        // After an interruption a write may still be in flight, stuck on a client that stopped
        // reading; give it a moment, then give up on the stream.
        if (!await _writeGate.WaitAsync(_completionGrace).ConfigureAwait(false))
        {
            Reset(Http2ErrorCodes.Cancel);
            _finished = true;
            await FenceAsync().ConfigureAwait(false);
            return;
        }

        try
        {
            await WriteStatusAsync(status, message, details).ConfigureAwait(false);
            _finished = true;
        }
        finally
        {
            _writeGate.Release();
        }

        await FenceAsync().ConfigureAwait(false);
    }

    /// <summary>Resets the HTTP/2 stream (no status can be delivered) and fences the call.</summary>
    public async Task ResetAsync(int http2ErrorCode)
    {
        if (!ClaimEnd())
        {
            return;
        }

        // Reset before cancelling anything: the code tells the client why.
        Reset(http2ErrorCode);
        await _transportCts.CancelAsync().ConfigureAwait(false);
        await _writeGate.WaitAsync().ConfigureAwait(false);
        _finished = true;
        _writeGate.Release();
        await FenceAsync().ConfigureAwait(false);
    }

    private bool ClaimEnd() => Interlocked.Exchange(ref _ending, 1) == 0;

    private async Task WriteStatusAsync(StatusCode status, string message, IReadOnlyList<Any> details)
    {
        var response = _http.Response;
        var statusText = ((int)status).ToString(CultureInfo.InvariantCulture);
        message = StatusLimits.CapMessage(message);
        var encodedMessage = message.Length == 0 ? null : StatusMessageEncoding.Encode(message);
        var detailsText = StatusLimits.EncodeDetails(status, message, details);
        if (!response.HasStarted)
        {
            SetResponseHeaders();
            response.Headers[GrpcProtocol.StatusHeader] = statusText;
            if (encodedMessage is not null)
            {
                response.Headers[GrpcProtocol.MessageHeader] = encodedMessage;
            }

            if (detailsText is not null)
            {
                response.Headers[GrpcProtocol.StatusDetailsHeader] = detailsText;
            }
        }
        else
        {
            response.AppendTrailer(GrpcProtocol.StatusHeader, statusText);
            if (encodedMessage is not null)
            {
                response.AppendTrailer(GrpcProtocol.MessageHeader, encodedMessage);
            }

            if (detailsText is not null)
            {
                response.AppendTrailer(GrpcProtocol.StatusDetailsHeader, detailsText);
            }
        }

        // WaitAsync drops its timer as soon as the response completes; a bare Task.Delay would
        // keep a timer and a task alive for the whole grace period after every call, enough of
        // them under load to be promoted and to bring on gen1 and gen2 collections. A failed
        // completion means the client is gone and there is nothing left to deliver.
        var completion = response.CompleteAsync();
        await completion.WaitAsync(_completionGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!completion.IsCompleted)
        {
            Reset(Http2ErrorCodes.Cancel);
        }
    }

    private async Task FenceAsync()
    {
        await _handlerCts.CancelAsync().ConfigureAwait(false);
        await _transportCts.CancelAsync().ConfigureAwait(false);
        await _readGate.WaitAsync().ConfigureAwait(false);
        _readGate.Release();
    }

    private void SetResponseHeaders()
    {
        var response = _http.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;
    }

    private void Reset(int http2ErrorCode)
    {
        var reset = _http.Features.Get<IHttpResetFeature>();
        if (reset is not null)
        {
            reset.Reset(http2ErrorCode);
        }
        else
        {
            _http.Abort();
        }
    }

    private void ThrowIfFinished()
    {
        if (_finished)
        {
            throw new OperationCanceledException("The call has ended.", _handlerCts.Token);
        }
    }

    private static string PeerOf(HttpContext http)
    {
        var connection = http.Connection;
        return connection.RemoteIpAddress is { } address
            ? $"{address}:{connection.RemotePort.ToString(CultureInfo.InvariantCulture)}"
            : "unknown";
    }

    private static Dictionary<string, string> CopyHeaders(IHeaderDictionary headers)
    {
        // Copied because the request's own collection is recycled when the call ends; the
        // authorization header stays out of reach of handlers.
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.ToLowerInvariant();
            if (key == GrpcProtocol.AuthorizationHeader || key.StartsWith(':'))
            {
                continue;
            }

            copy[key] = value.ToString();
        }

        return copy;
    }
}
