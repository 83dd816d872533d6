using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Dsl.LanguageServer.Protocol;

/// <summary>
/// JSON-RPC 2.0 over a framed stream pair. Notifications run in arrival order on the read
/// loop (so text edits apply in order); requests run concurrently and can be cancelled with
/// <c>$/cancelRequest</c>. Nothing the client sends can end the loop except <see cref="Stop"/>
/// or the end of the input stream.
/// </summary>
public sealed class JsonRpcConnection
{
    private const string CancelMethod = "$/cancelRequest";

    private readonly MessageReader _reader;
    private readonly MessageWriter _writer;
    private readonly TextWriter _log;
    private readonly Dictionary<string, RequestHandler> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NotificationHandler> _notifications = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _lifetime = new();

    public JsonRpcConnection(Stream input, Stream output, TextWriter log)
    {
        _reader = new MessageReader(input, log);
        _writer = new MessageWriter(output);
        _log = log;
    }

    /// <summary>Consulted before a request runs; returns an error to refuse it (e.g. before <c>initialize</c>).</summary>
    public Func<string, JsonRpcException?>? RequestFilter { get; set; }

    /// <summary>
    /// Called on the read loop when a request arrives, before any later message is handled. The
    /// action it returns runs first on the request's own task: it hands the request the state of
    /// the moment it arrived (the notifications after it may change that state before it runs).
    /// </summary>
    public Func<Action?>? RequestArrived { get; set; }

    /// <summary>Cancelled when the connection stops; background work ties itself to it.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    public void OnRequest(string method, RequestHandler handler) => _requests[method] = handler;

    public void OnNotification(string method, NotificationHandler handler) => _notifications[method] = handler;

    /// <summary>Ends <see cref="RunAsync"/> after the message being handled.</summary>
    public void Stop() => _lifetime.Cancel();

    public Task SendNotificationAsync(string method, JsonNode? parameters)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (parameters is not null)
            message["params"] = parameters;
        return _writer.WriteAsync(message);
    }

    /// <summary>
    /// Sends a request to the client. Its answer is not waited for: the server asks only what it can
    /// do without (a registration), and an answer is dropped as it arrives.
    /// </summary>
    public Task SendRequestAsync(string method, JsonNode? parameters)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = $"server-{Interlocked.Increment(ref _sentRequests)}", ["method"] = method };
        if (parameters is not null)
            message["params"] = parameters;
        return _writer.WriteAsync(message);
    }

    private long _sentRequests;

    /// <summary>Reads and dispatches messages until the input ends, the client is gone or <see cref="Stop"/> is called.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        try
        {
            while (!linked.IsCancellationRequested && !_writer.IsBroken)
            {
                var body = await _reader.ReadMessageAsync(linked.Token).ConfigureAwait(false);
                if (body is null)
                    break;
                await HandleMessageAsync(body).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Stopped on purpose.
        }
        finally
        {
            if (!_lifetime.IsCancellationRequested)
                _lifetime.Cancel();
            foreach (var pending in _pending.Values)
                TryCancel(pending);
            await DrainAsync().ConfigureAwait(false);
        }
    }

    private async Task DrainAsync()
    {
        var running = _running.Keys.ToArray();
        if (running.Length == 0)
            return;
        // Requests observe the cancellation; a handler that ignores it is not waited for long.
        await Task.WhenAny(Task.WhenAll(running), Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
    }

    private async Task HandleMessageAsync(byte[] body)
    {
        // JSON text is UTF-8 (RFC 8259), but System.Text.Json checks a string's bytes only when the
        // string is read, which would throw far from here.
        if (!Utf8.IsValid(body))
        {
            _log.WriteLine("[lsp] parse error: the message is not valid UTF-8");
            await SendErrorAsync(null, ErrorCodes.ParseError, "Parse error: the message is not valid UTF-8.").ConfigureAwait(false);
            return;
        }

        JsonNode? message;
        try
        {
            message = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            _log.WriteLine($"[lsp] parse error: {ex.Message}");
            await SendErrorAsync(null, ErrorCodes.ParseError, "Parse error: the message is not valid JSON.").ConfigureAwait(false);
            return;
        }

        if (message is not JsonObject obj)
        {
            await SendErrorAsync(null, ErrorCodes.InvalidRequest, "Invalid request: a message must be a JSON object.").ConfigureAwait(false);
            return;
        }

        var hasId = obj.TryGetPropertyValue("id", out var idNode);
        var id = hasId ? ValidId(idNode) : null;
        if (!obj.TryGetPropertyValue("method", out var methodNode))
        {
            // A response to a server-to-client request (whose answer the server does not wait for), or nonsense: dropped.
            if (!obj.ContainsKey("result") && !obj.ContainsKey("error"))
                await SendErrorAsync(id, ErrorCodes.InvalidRequest, "Invalid request: 'method' is missing.").ConfigureAwait(false);
            return;
        }

        if (methodNode is not JsonValue methodValue || !TryText(methodValue, out var method))
        {
            if (hasId)
                await SendErrorAsync(id, ErrorCodes.InvalidRequest, "Invalid request: 'method' must be a string.").ConfigureAwait(false);
            return;
        }

        var parameters = Params(obj, body);
        if (!hasId)
        {
            await HandleNotificationAsync(method, parameters).ConfigureAwait(false);
            return;
        }

        if (id is null)
        {
            await SendErrorAsync(null, ErrorCodes.InvalidRequest, "Invalid request: 'id' must be a string or a number.").ConfigureAwait(false);
            return;
        }

        StartRequest(id, method, parameters);
    }

    /// <summary>
    /// The message's params, with each escaped lone half of a surrogate pair read as U+FFFD (see
    /// <see cref="LoneSurrogates"/>): a document's text may hold one. The id and method are read as
    /// sent, where one is no text to dispatch on.
    /// </summary>
    private static JsonNode? Params(JsonObject message, byte[] body)
    {
        message.TryGetPropertyValue("params", out var parameters);
        if (parameters is null || !LoneSurrogates.Replace(body))
            return parameters;
        return JsonNode.Parse(body) is JsonObject replaced && replaced.Remove("params", out var replacedParameters) ? replacedParameters : parameters;
    }

    private async Task HandleNotificationAsync(string method, JsonNode? parameters)
    {
        if (method == CancelMethod)
        {
            if (parameters is JsonObject cancel && cancel.TryGetPropertyValue("id", out var cancelledId) && ValidId(cancelledId) is { } key
                && _pending.TryGetValue(IdKey(key), out var source))
            {
                TryCancel(source);
            }
            return;
        }

        if (!_notifications.TryGetValue(method, out var handler))
        {
            // Unknown notifications are ignored, as JSON-RPC requires ($/ ones are optional by definition).
            if (!method.StartsWith("$/", StringComparison.Ordinal))
                _log.WriteLine($"[lsp] ignoring unknown notification {method}");
            return;
        }

        try
        {
            await handler(parameters, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_lifetime.IsCancellationRequested)
        {
            _log.WriteLine($"[lsp] notification {method} failed: {ex}");
        }
    }

    private void StartRequest(JsonNode id, string method, JsonNode? parameters)
    {
        var key = IdKey(id);
        var source = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        if (!_pending.TryAdd(key, source))
        {
            source.Dispose();
            _ = SendErrorAsync(id, ErrorCodes.InvalidRequest, $"Invalid request: the id {key} is already in use.");
            return;
        }

        // Parameters are detached from the message so the handler owns them on its thread.
        var detached = parameters?.DeepClone();
        var atArrival = RequestArrived?.Invoke();
        var task = Task.Run(() =>
        {
            atArrival?.Invoke();
            return RunRequestAsync(id, key, method, detached, source);
        });
        _running.TryAdd(task, 0);
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task RunRequestAsync(JsonNode id, string key, string method, JsonNode? parameters, CancellationTokenSource source)
    {
        try
        {
            if (RequestFilter?.Invoke(method) is { } refusal)
                throw refusal;
            if (!_requests.TryGetValue(method, out var handler))
                throw new JsonRpcException(ErrorCodes.MethodNotFound, $"Method not found: {method}.");
            var result = await handler(parameters, source.Token).ConfigureAwait(false);
            source.Token.ThrowIfCancellationRequested();
            var response = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result };
            await _writer.WriteAsync(response).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (source.IsCancellationRequested)
        {
            await SendErrorAsync(id, ErrorCodes.RequestCancelled, "The request was cancelled.").ConfigureAwait(false);
        }
        catch (JsonRpcException ex)
        {
            await SendErrorAsync(id, ex.Code, ex.Message).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            await SendErrorAsync(id, ErrorCodes.InvalidParams, $"Invalid params for {method}: {ex.Message}").ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.WriteLine($"[lsp] request {method} failed: {ex}");
            await SendErrorAsync(id, ErrorCodes.InternalError, $"Internal error in {method}: {ex.Message}").ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(key, out _);
            source.Dispose();
        }
    }

    private Task SendErrorAsync(JsonNode? id, int code, string message)
    {
        var response = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id?.DeepClone(),
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
        };
        return _writer.WriteAsync(response);
    }

    private static JsonNode? ValidId(JsonNode? id)
    {
        if (id is not JsonValue value)
            return null;
        return value.GetValueKind() switch
        {
            JsonValueKind.String => TryText(value, out _) ? value : null,
            JsonValueKind.Number => value,
            _ => null,
        };
    }

    /// <summary>A string value, unless it is not one or escapes half of a surrogate pair (which System.Text.Json refuses to read).</summary>
    private static bool TryText(JsonValue value, out string text)
    {
        try
        {
            if (value.TryGetValue(out string? read))
            {
                text = read;
                return true;
            }
        }
        catch (InvalidOperationException)
        {
        }

        text = string.Empty;
        return false;
    }

    // Numbers and strings are distinct ids: 1 and "1" must not collide.
    private static string IdKey(JsonNode id) => id.GetValueKind() == JsonValueKind.String ? "s:" + id.GetValue<string>() : "n:" + id.ToJsonString();

    private static void TryCancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The request finished while the cancellation was on its way.
        }
    }
}
