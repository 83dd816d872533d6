using System.Text.Json.Nodes;
using Dsl.LanguageServer.Protocol;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Protocol;

public sealed class CancellationTests
{
    [Fact]
    public async Task A_cancelled_request_is_answered_with_request_cancelled()
    {
        var started = new TaskCompletionSource();
        await using var client = TestClient.Start(async (input, output) =>
        {
            var connection = new JsonRpcConnection(input, output, TextWriter.Null);
            connection.OnRequest("slow", async (_, cancellationToken) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return null;
            });
            connection.OnRequest("fast", (_, _) => Task.FromResult<JsonNode?>("done"));
            await connection.RunAsync(CancellationToken.None);
            return 0;
        });

        var slow = client.SendRequest("slow", null);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // Other requests are served while the slow one runs.
        var fast = await client.RequestAsync("fast", null);
        Assert.Equal("done", fast["result"]?.GetValue<string>());

        client.SendNotification("$/cancelRequest", new JsonObject { ["id"] = slow });
        var response = await client.ReadResponseAsync(slow);
        Assert.Equal(ErrorCodes.RequestCancelled, response["error"]?["code"]?.GetValue<int>());
    }

    [Fact]
    public async Task Cancelling_an_unknown_or_finished_request_is_harmless()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();
        client.SendNotification("$/cancelRequest", new JsonObject { ["id"] = 12345 });
        client.SendNotification("$/cancelRequest", new JsonObject { ["id"] = "text-id" });
        client.SendNotification("$/cancelRequest", null);
        var response = await client.RequestAsync("workspace/symbol", new JsonObject { ["query"] = "" });
        Assert.True(response.ContainsKey("result"));
    }

    [Fact]
    public async Task A_handler_that_throws_answers_internal_error_and_the_connection_survives()
    {
        await using var client = TestClient.Start(async (input, output) =>
        {
            var connection = new JsonRpcConnection(input, output, TextWriter.Null);
            connection.OnRequest("boom", (_, _) => throw new InvalidOperationException("bad"));
            connection.OnRequest("ping", (_, _) => Task.FromResult<JsonNode?>("pong"));
            await connection.RunAsync(CancellationToken.None);
            return 0;
        });
        var boom = await client.RequestAsync("boom", null);
        Assert.Equal(ErrorCodes.InternalError, boom["error"]?["code"]?.GetValue<int>());
        var ping = await client.RequestAsync("ping", null);
        Assert.Equal("pong", ping["result"]?.GetValue<string>());
    }

    [Fact]
    public async Task String_and_number_ids_are_echoed_as_sent()
    {
        await using var client = TestClient.Start(async (input, output) =>
        {
            var connection = new JsonRpcConnection(input, output, TextWriter.Null);
            connection.OnRequest("echo", (_, _) => Task.FromResult<JsonNode?>(1));
            await connection.RunAsync(CancellationToken.None);
            return 0;
        });
        client.SendFramed("""{"jsonrpc":"2.0","id":"abc","method":"echo"}""");
        var response = await client.ReadMatchingAsync(m => m["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.String);
        Assert.Equal("abc", response["id"]?.GetValue<string>());
    }
}
