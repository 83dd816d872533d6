using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Dsl.Control.Wire;

/// <summary>
/// One call from the client side: sends the request, reads response messages, and turns the
/// final status (trailers, or headers for Trailers-Only) and transport failures into
/// <see cref="RpcException"/>s.
/// </summary>
internal sealed class ClientCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly ControlChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource? _deadline;
    private readonly CancellationTokenSource _cts;
    private HttpResponseMessage? _response;
    private FrameReader? _reader;
    private RpcException? _error;
    private bool _statusKnown;

    public ClientCall(ControlChannel channel, Method<TRequest, TResponse> method, CallOptions options, CancellationToken extra = default)
    {
        _channel = channel;
        _method = method;
        _options = options;
        if (options.Timeout is { } timeout)
        {
            _deadline = new CancellationTokenSource(timeout < TimeSpan.Zero ? TimeSpan.Zero : Clamp(timeout));
        }

        _cts = CancellationTokenSource.CreateLinkedTokenSource(
            options.CancellationToken,
            extra,
            _deadline?.Token ?? CancellationToken.None);
    }

    public CancellationToken CancellationToken => _cts.Token;

    /// <summary>Sends the request and reads the response headers; throws for a Trailers-Only error.</summary>
    public async Task StartAsync(HttpContent content)
    {
        try
        {
            if (_channel.TokenProblem is { } problem)
            {
                throw new RpcException(StatusCode.Unauthenticated, problem);
            }

            var request = new HttpRequestMessage(HttpMethod.Post, _channel.UriOf(_method.FullName))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = content,
            };
            // Constant values, so they are not parsed again on every call.
            request.Headers.TryAddWithoutValidation("te", "trailers");
            request.Headers.TryAddWithoutValidation("user-agent", "dsl-control/1");
            if (_channel.Authorization is { } authorization)
            {
                request.Headers.TryAddWithoutValidation(GrpcProtocol.AuthorizationHeader, authorization);
            }

            if (_options.Timeout is { } timeout)
            {
                request.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
            }

            foreach (var (name, value) in _options.Headers ?? new Dictionary<string, string>())
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            _response = await _channel.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _cts.Token).ConfigureAwait(false);
            CheckHeaders(_response);
            if (!_statusKnown)
            {
                var body = await _response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
                _reader = new FrameReader(PipeReader.Create(body), _channel.MaxReceiveMessageSize);
            }
        }
        catch (HttpRequestException e) when (_error is null && HttpStatusMapping.Http2ErrorOf(e) is null)
        {
            throw Fail(await _channel.AnswersHttp11Async(e, _cts.Token).ConfigureAwait(false)
                ? new RpcException(HttpStatusMapping.FromHttp2Error(Http2ErrorCodes.Http11Required), HttpStatusMapping.DescribeReset(Http2ErrorCodes.Http11Required))
                : e);
        }
        catch (Exception e)
        {
            throw Fail(e);
        }

        if (_error is not null)
        {
            throw _error;
        }
    }

    /// <summary>The next response message, or null once the call has ended with OK.</summary>
    public async ValueTask<TResponse?> ReadMessageAsync()
    {
        if (_reader is null)
        {
            return _error is null ? null : throw _error;
        }

        try
        {
            var message = await _reader.ReadAsync(_method.ResponseParser, _cts.Token).ConfigureAwait(false);
            if (message is not null)
            {
                return message;
            }

            ReadTrailers();
        }
        catch (Exception e)
        {
            throw Fail(e);
        }

        _reader = null;
        return _error is null ? null : throw _error;
    }

    /// <summary>Maps any failure to the status the caller should see, remembering it for later calls.</summary>
    public RpcException Fail(Exception exception)
    {
        if (_error is not null)
        {
            return _error;
        }

        _error = exception switch
        {
            RpcException rpc => rpc,
            _ when _deadline?.IsCancellationRequested == true => new RpcException(StatusCode.DeadlineExceeded, "Deadline exceeded."),
            _ when _options.CancellationToken.IsCancellationRequested || exception is OperationCanceledException && _cts.IsCancellationRequested
                => new RpcException(StatusCode.Cancelled, "The call was cancelled."),
            _ when HttpStatusMapping.Http2ErrorOf(exception) is { } code
                => new RpcException(HttpStatusMapping.FromHttp2Error(code), HttpStatusMapping.DescribeReset(code)),
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } tls => new RpcException(StatusCode.Unavailable, DescribeTlsFailure(tls)),
            HttpRequestException http => new RpcException(StatusCode.Unavailable, $"Cannot reach {_channel.Address}: {http.Message}"),
            IOException io => new RpcException(StatusCode.Unavailable, $"The connection to {_channel.Address} failed: {io.Message}"),
            _ => new RpcException(StatusCode.Internal, $"The call failed on the client: {exception.Message}"),
        };
        _statusKnown = true;
        return _error;
    }

    /// <summary>
    /// A failed TLS handshake, with what to do about the usual cause: a daemon certificate from a
    /// private CA, or self-signed, which the system's roots do not know.
    /// </summary>
    private string DescribeTlsFailure(HttpRequestException tls)
    {
        string detail = tls.InnerException?.Message ?? tls.Message;
        string hint = detail.Contains("certificate chain", StringComparison.Ordinal)
            ? " Trust it with --ca FILE (or DSL_CA): the PEM certificate of the CA that issued the daemon's certificate, or that certificate itself if it is self-signed."
            : detail.Contains("RemoteCertificateValidationCallback", StringComparison.Ordinal)
                ? " Its certificate is not for this host name, or not issued by a certificate in --ca (or DSL_CA)."
                : detail.Contains("corrupted frame", StringComparison.Ordinal) || detail.Contains("unexpected EOF", StringComparison.Ordinal)
                    // What a cleartext HTTP/2 port answers to a TLS handshake.
                    ? $" The port may not speak TLS: a daemon without a certificate is reached at http://{_channel.Address.Authority}."
                    : string.Empty;
        return $"Cannot reach {_channel.Address} over TLS: {detail}{hint}";
    }

    public void Dispose()
    {
        // Cancelling a call whose response is still open resets its stream on the server.
        _cts.Cancel();
        _response?.Dispose();
        _cts.Dispose();
        _deadline?.Dispose();
    }

    private void CheckHeaders(HttpResponseMessage response)
    {
        if (StatusFrom(response.Headers) is { } trailersOnly)
        {
            // Trailers-Only: the whole response is this HEADERS frame.
            SetStatus(trailersOnly, response.Headers);
            return;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RpcException(
                HttpStatusMapping.FromHttpStatus(response.StatusCode),
                $"The server answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} without a gRPC status.");
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw new RpcException(StatusCode.Unknown, $"The server answered with content type '{contentType}', not a gRPC response.");
        }
    }

    private void ReadTrailers()
    {
        var response = _response ?? throw new InvalidOperationException("The call has not started.");
        if (StatusFrom(response.TrailingHeaders) is { } status)
        {
            SetStatus(status, response.TrailingHeaders);
        }
        else if (StatusFrom(response.Headers) is { } fromHeaders)
        {
            SetStatus(fromHeaders, response.Headers);
        }
        else
        {
            throw new RpcException(StatusCode.Unknown, "The response ended without a grpc-status.");
        }
    }

    private void SetStatus(StatusCode status, HttpHeaders headers)
    {
        _statusKnown = true;
        if (status == StatusCode.OK)
        {
            return;
        }

        var message = StatusMessageEncoding.Decode(Value(headers, GrpcProtocol.MessageHeader));
        var details = StatusDetails.Decode(Value(headers, GrpcProtocol.StatusDetailsHeader));
        _error = new RpcException(status, message, details?.Details);
    }

    private static StatusCode? StatusFrom(HttpHeaders headers)
    {
        var text = Value(headers, GrpcProtocol.StatusHeader);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int code)
            && Enum.IsDefined((StatusCode)code)
            ? (StatusCode)code
            : StatusCode.Unknown;
    }

    private static string? Value(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static TimeSpan Clamp(TimeSpan timeout) =>
        timeout.TotalMilliseconds > int.MaxValue - 1 ? TimeSpan.FromMilliseconds(int.MaxValue - 1) : timeout;
}
