using System.Text.Json.Nodes;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Protocol;

/// <summary>
/// A request is answered for the documents as they were when it arrived, although it runs on a
/// thread of its own while the notifications the client sent after it are already handled.
/// </summary>
public sealed class RequestOrderTests
{
    private const string Uri = "file:///tmp/dsl-lsp-order/main.stream";

    private static JsonObject Document(params JsonNode[] more)
    {
        var parameters = new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri } };
        foreach (var node in more)
        {
            foreach (var (name, value) in node.AsObject().ToArray())
                parameters[name] = value?.DeepClone();
        }
        return parameters;
    }

    private static void Open(TestClient client, string text) => client.SendNotification("textDocument/didOpen", new JsonObject
    {
        ["textDocument"] = new JsonObject { ["uri"] = Uri, ["languageId"] = "stream", ["version"] = 1, ["text"] = text },
    });

    [Fact]
    public async Task Requests_sent_before_a_document_is_closed_are_answered()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();

        for (var round = 0; round < 20; round++)
        {
            Open(client, Samples.Job);
            var tokens = client.SendRequest("textDocument/semanticTokens/full", Document());
            var symbols = client.SendRequest("textDocument/documentSymbol", Document());
            var hover = client.SendRequest("textDocument/hover", Document(new JsonObject { ["position"] = new JsonObject { ["line"] = 0, ["character"] = 1 } }));
            client.SendNotification("textDocument/didClose", Document());

            foreach (var id in new[] { tokens, symbols, hover })
            {
                var response = await client.ReadResponseAsync(id);
                Assert.True(response.ContainsKey("result"), response.ToJsonString());
            }
        }
    }

    [Fact]
    public async Task A_request_sent_before_an_edit_is_answered_for_the_text_it_names_positions_in()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();

        for (var round = 0; round < 20; round++)
        {
            Open(client, Samples.Job);
            // Line 0, character 1 is in the keyword "job"; the edit then puts a comment line above it.
            var hover = client.SendRequest("textDocument/hover", Document(new JsonObject { ["position"] = new JsonObject { ["line"] = 0, ["character"] = 1 } }));
            client.SendNotification("textDocument/didChange", Document(new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = Uri, ["version"] = 2 },
                ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = "// a comment line\n" + Samples.Job }),
            }));

            var response = await client.ReadResponseAsync(hover);
            Assert.Contains("`job NAME", response["result"]?["contents"]?["value"]?.GetValue<string>() ?? response.ToJsonString());
        }
    }
}
