using System.Text.Json.Nodes;
using Dsl.LanguageServer.Protocol;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Protocol;

public sealed class FramingTests
{
    private static int ErrorCode(JsonObject response) => response["error"]?["code"]?.GetValue<int>() ?? 0;

    [Fact]
    public async Task Invalid_json_is_answered_with_a_parse_error_and_the_server_keeps_serving()
    {
        await using var client = TestClient.StartServer();
        client.SendFramed("{ this is not json");
        var error = await client.ReadMatchingAsync(m => m.ContainsKey("error"));
        Assert.Equal(ErrorCodes.ParseError, ErrorCode(error));
        Assert.Null(error["id"]);

        await client.InitializeAsync();
    }

    [Fact]
    public async Task A_message_that_is_not_text_is_an_error_answer_and_the_server_keeps_serving()
    {
        await using var client = TestClient.StartServer();

        // A raw 0xFF byte in the id: not UTF-8, so not JSON text at all.
        client.SendFramed([.. "{\"jsonrpc\":\"2.0\",\"id\":\""u8, 0xFF, .. "\",\"method\":\"foo\"}"u8]);
        var notUtf8 = await client.ReadMatchingAsync(m => m.ContainsKey("error"));
        Assert.Equal(ErrorCodes.ParseError, ErrorCode(notUtf8));
        Assert.Null(notUtf8["id"]);

        // Valid JSON whose method or id escapes half of a surrogate pair: no text to dispatch on.
        client.SendFramed("""{"jsonrpc":"2.0","id":9,"method":"\udc00x"}""");
        Assert.Equal(ErrorCodes.InvalidRequest, ErrorCode(await client.ReadResponseAsync(9)));
        client.SendFramed("""{"jsonrpc":"2.0","id":"\ud800","method":"initialize","params":{"capabilities":{}}}""");
        var badId = await client.ReadMatchingAsync(m => m.ContainsKey("error"));
        Assert.Equal(ErrorCodes.InvalidRequest, ErrorCode(badId));
        Assert.Null(badId["id"]);

        await client.InitializeAsync();
    }

    [Fact]
    public async Task A_header_block_without_content_length_is_skipped()
    {
        await using var client = TestClient.StartServer();
        client.SendRaw("X-Garbage: yes\r\nnot a header at all\r\n\r\n");
        client.SendRaw("Content-Length: banana\r\n\r\n");
        await client.InitializeAsync();
        Assert.Contains("Content-Length", client.Log.ToString());
    }

    [Fact]
    public async Task A_content_length_counted_in_characters_loses_only_its_own_message()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();

        // A client that counts UTF-16 characters instead of UTF-8 bytes: the header is short by
        // the bytes of the emoji, whose message is cut and the rest left before the next header.
        var body = """{"jsonrpc":"2.0","id":40,"method":"workspace/symbol","params":{"query":"😀 Wind"}}""";
        client.SendRaw($"Content-Length: {body.Length}\r\n\r\n{body}");
        client.SendFramed("""{"jsonrpc":"2.0","id":41,"method":"workspace/symbol","params":{"query":"Wind"}}""");

        Assert.True((await client.ReadResponseAsync(41)).ContainsKey("result"));
    }

    [Fact]
    public async Task A_content_length_too_large_loses_only_the_messages_it_swallows()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();

        // The first body claims 40 bytes more than it has: it swallows the start of the second
        // message, and the rest of that (a long one) stands before the third message's header.
        var first = """{"jsonrpc":"2.0","id":50,"method":"workspace/symbol","params":{"query":"a"}}""";
        client.SendRaw($"Content-Length: {first.Length + 40}\r\n\r\n{first}");
        client.SendFramed($$$"""{"jsonrpc":"2.0","id":51,"method":"workspace/symbol","params":{"query":"{{{new string('x', 20_000)}}}"}}""");
        client.SendFramed("""{"jsonrpc":"2.0","id":52,"method":"workspace/symbol","params":{"query":"Wind"}}""");

        Assert.True((await client.ReadResponseAsync(52)).ContainsKey("result"));
        Assert.Contains("before a Content-Length header", client.Log.ToString());
    }

    [Fact]
    public async Task Content_type_headers_and_header_case_are_accepted()
    {
        await using var client = TestClient.StartServer();
        const string body = """{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"capabilities":{}}}""";
        client.SendRaw($"content-length: {body.Length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{body}");
        var response = await client.ReadResponseAsync(7);
        Assert.NotNull(response["result"]?["capabilities"]);
    }

    [Fact]
    public async Task Non_object_messages_are_invalid_requests()
    {
        await using var client = TestClient.StartServer();
        client.SendFramed("[1, 2, 3]");
        Assert.Equal(ErrorCodes.InvalidRequest, ErrorCode(await client.ReadMatchingAsync(m => m.ContainsKey("error"))));
        client.SendFramed("""{"jsonrpc":"2.0","id":{"nested":true},"method":"initialize"}""");
        Assert.Equal(ErrorCodes.InvalidRequest, ErrorCode(await client.ReadMatchingAsync(m => m.ContainsKey("error"))));
        client.SendFramed("""{"jsonrpc":"2.0","id":5,"method":42}""");
        Assert.Equal(ErrorCodes.InvalidRequest, ErrorCode(await client.ReadResponseAsync(5)));
    }

    [Fact]
    public async Task Requests_before_initialize_are_refused_with_server_not_initialized()
    {
        await using var client = TestClient.StartServer();
        var response = await client.RequestAsync("textDocument/hover", new JsonObject());
        Assert.Equal(ErrorCodes.ServerNotInitialized, ErrorCode(response));
    }

    [Fact]
    public async Task Unknown_methods_are_answered_with_method_not_found()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();
        var response = await client.RequestAsync("stream/doesNotExist", null);
        Assert.Equal(ErrorCodes.MethodNotFound, ErrorCode(response));
        client.SendNotification("stream/unknownNotification", new JsonObject());
        client.SendNotification("$/setTrace", new JsonObject { ["value"] = "off" });
        var shutdown = await client.RequestAsync("shutdown", null);
        Assert.True(shutdown.ContainsKey("result"));
    }

    [Fact]
    public async Task Params_of_the_wrong_shape_are_invalid_params()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();
        var response = await client.RequestAsync("textDocument/documentSymbol", new JsonObject { ["textDocument"] = 12 });
        Assert.Equal(ErrorCodes.InvalidParams, ErrorCode(response));
        var missing = await client.RequestAsync("textDocument/documentSymbol", null);
        Assert.Equal(ErrorCodes.InvalidParams, ErrorCode(missing));

        // Valid JSON, but an escaped half of a surrogate pair cannot become a string.
        client.SendFramed("{\"jsonrpc\":\"2.0\",\"id\":900,\"method\":\"textDocument/documentSymbol\",\"params\":{\"textDocument\":{\"uri\":\"file:///\\ud800.stream\"}}}");
        Assert.Equal(ErrorCodes.InvalidParams, ErrorCode(await client.ReadResponseAsync(900)));
    }

    [Fact]
    public async Task A_request_for_a_document_that_is_not_open_is_an_error_not_a_crash()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();
        var response = await client.RequestAsync("textDocument/documentSymbol", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = "file:///nowhere/x.stream" } });
        Assert.True(response.ContainsKey("error"));
        var after = await client.RequestAsync("workspace/symbol", new JsonObject { ["query"] = "" });
        Assert.True(after.ContainsKey("result"));
    }

    [Fact]
    public async Task Exit_after_shutdown_ends_the_server_with_code_zero()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();
        await client.RequestAsync("shutdown", null);
        var refused = await client.RequestAsync("textDocument/hover", new JsonObject());
        Assert.Equal(ErrorCodes.InvalidRequest, ErrorCode(refused));
        client.SendNotification("exit", null);
        Assert.Equal(0, await client.Server.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_the_server_with_code_one()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();
        client.SendNotification("exit", null);
        Assert.Equal(1, await client.Server.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_disconnected_client_ends_the_server_cleanly()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();
        client.SendRaw("Content-Length: 500\r\n\r\n{\"jsonrpc\":");
        client.Disconnect();
        Assert.Equal(0, await client.Server.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task Random_garbage_never_crashes_the_server()
    {
        await using var client = TestClient.StartServer();
        var random = new Random(1234);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            client.SendRaw(System.Text.Encoding.Latin1.GetString(bytes));
        }
        // Whatever state the garbage left the header parser in, a blank line and a clean message get through.
        client.SendRaw("\r\n\r\n");
        client.SendFramed("""{"jsonrpc":"2.0","id":999,"method":"initialize","params":{"capabilities":{}}}""");
        client.SendFramed("""{"jsonrpc":"2.0","id":1000,"method":"initialize","params":{"capabilities":{}}}""");
        var response = await client.ReadMatchingAsync(m => m["id"]?.ToJsonString() is "999" or "1000");
        Assert.True(response.ContainsKey("result") || response.ContainsKey("error"));
        Assert.False(client.Server.IsCompleted);
    }
}
