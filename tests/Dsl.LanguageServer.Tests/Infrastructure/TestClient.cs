using System.Text;
using System.Text.Json.Nodes;
using Dsl.LanguageServer.Protocol;

namespace Dsl.LanguageServer.Tests.Infrastructure;

/// <summary>
/// Drives a server in-process over framed in-memory streams: sends raw bytes or JSON-RPC
/// messages and reads what the server answers, with timeouts so a hung server fails a test
/// instead of hanging it.
/// </summary>
public sealed class TestClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly PipeStream _toServer = new();
    private readonly PipeStream _fromServer = new();
    private readonly MessageReader _reader;
    private readonly List<JsonObject> _unclaimed = [];
    private int _nextId = 1;

    private TestClient(Func<TextWriter, Stream, Stream, Task<int>> run)
    {
        _reader = new MessageReader(_fromServer, TextWriter.Null);
        var log = TextWriter.Synchronized(Log);
        Server = Task.Run(() => run(log, _toServer, _fromServer));
    }

    public Task<int> Server { get; }

    public StringWriter Log { get; } = new();

    public static TestClient StartServer(LanguageServerOptions? options = null) =>
        new((log, input, output) =>
            LanguageServerHost.RunAsync(input, output, log, options ?? new LanguageServerOptions { DiagnosticsDelay = TimeSpan.Zero }, CancellationToken.None));

    public static TestClient Start(Func<Stream, Stream, Task<int>> run) => new((_, input, output) => run(input, output));

    public void SendRaw(string text) => _toServer.Write(Encoding.UTF8.GetBytes(text));

    public void SendFramed(string body) => SendFramed(Encoding.UTF8.GetBytes(body));

    public void SendFramed(byte[] body)
    {
        SendRaw($"Content-Length: {body.Length}\r\n\r\n");
        _toServer.Write(body);
    }

    public void Disconnect() => _toServer.Complete();

    public int SendRequest(string method, JsonNode? parameters)
    {
        var id = _nextId++;
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
            message["params"] = parameters;
        SendFramed(message.ToJsonString());
        return id;
    }

    public void SendNotification(string method, JsonNode? parameters)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (parameters is not null)
            message["params"] = parameters;
        SendFramed(message.ToJsonString());
    }

    public async Task<JsonObject> RequestAsync(string method, JsonNode? parameters)
    {
        var id = SendRequest(method, parameters);
        return await ReadResponseAsync(id);
    }

    public async Task InitializeAsync(string? rootUri = null)
    {
        var response = await RequestAsync("initialize", new JsonObject { ["processId"] = null, ["rootUri"] = rootUri, ["capabilities"] = new JsonObject() });
        Assert.True(response.ContainsKey("result"), response.ToJsonString());
        SendNotification("initialized", new JsonObject());
    }

    /// <summary>The response with this id; notifications and other responses that arrive first are kept for later.</summary>
    public Task<JsonObject> ReadResponseAsync(int id) =>
        ReadMatchingAsync(m => m["id"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.GetValue<int>() == id);

    /// <summary>The next message without an id-matching predicate: e.g. an error for a message with no usable id.</summary>
    public Task<JsonObject> ReadMatchingAsync(Func<JsonObject, bool> predicate) => ReadMatchingAsync(predicate, Timeout);

    public async Task<JsonObject> ReadMatchingAsync(Func<JsonObject, bool> predicate, TimeSpan timeout)
    {
        var index = _unclaimed.FindIndex(m => predicate(m));
        if (index >= 0)
        {
            var found = _unclaimed[index];
            _unclaimed.RemoveAt(index);
            return found;
        }
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            var body = await _reader.ReadMessageAsync(cancellation.Token) ?? throw new EndOfStreamException("The server closed its output.");
            var message = JsonNode.Parse(body)?.AsObject() ?? throw new InvalidDataException("null message");
            if (predicate(message))
                return message;
            _unclaimed.Add(message);
        }
    }

    public Task<JsonObject> ReadNotificationAsync(string method, Func<JsonObject, bool>? predicate = null) =>
        ReadMatchingAsync(m => m["method"]?.GetValue<string>() == method && (predicate is null || predicate(m)));

    public async ValueTask DisposeAsync()
    {
        _toServer.Complete();
        await Task.WhenAny(Server, Task.Delay(Timeout));
    }
}
