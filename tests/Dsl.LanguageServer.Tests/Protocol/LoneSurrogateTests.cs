using System.Text;
using System.Text.Json.Nodes;
using Dsl.LanguageServer.Protocol;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Protocol;

/// <summary>
/// An edit may escape half of a surrogate pair on its own (JavaScript's JSON.stringify writes one
/// for an edit that splits an emoji): it is taken as U+FFFD, not dropped, so the server's text
/// stays in step with the editor's.
/// </summary>
public sealed class LoneSurrogateTests
{
    [Theory]
    [InlineData("""{"t":"a\ud83db"}""", """{"t":"a\uFFFDb"}""")]
    [InlineData("""{"t":"a\uDE00"}""", """{"t":"a\uFFFD"}""")]
    [InlineData("""{"t":"\ud83d"}""", """{"t":"\uFFFD"}""")]
    [InlineData("""{"t":"\ud83d\ud83d\ude00"}""", """{"t":"\uFFFD\ud83d\ude00"}""")]
    [InlineData("""{"t":"\ud83d\ude00 \\ud83d \u00e9"}""", """{"t":"\ud83d\ude00 \\ud83d \u00e9"}""")]
    public void Each_lone_half_becomes_a_replacement_character_and_pairs_and_other_escapes_stay(string json, string expected)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        LoneSurrogates.Replace(bytes);
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task An_edit_with_a_lone_half_of_a_pair_is_applied_and_later_edits_land_where_the_editor_has_them()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();
        const string Uri = "file:///tmp/lone.stream";
        client.SendNotification("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri, ["languageId"] = "stream", ["version"] = 1, ["text"] = "job ls\nmodel M {\n  ai P: double kW\n  ai O kW\n}\nmerge M on P {\n  O = P\n}\n" },
        });

        // The description "a" and half an emoji after the job's name, then the output renamed.
        client.SendFramed("""{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///tmp/lone.stream","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":6},"end":{"line":0,"character":6}},"text":" \"a\ud83d\""}]}}""");
        client.SendNotification("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri, ["version"] = 3 },
            ["contentChanges"] = new JsonArray(new JsonObject
            {
                ["range"] = new JsonObject { ["start"] = new JsonObject { ["line"] = 0, ["character"] = 10 }, ["end"] = new JsonObject { ["line"] = 0, ["character"] = 10 } },
                ["text"] = "b",
            }),
        });

        var formatted = await client.RequestAsync("textDocument/formatting", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri },
            ["options"] = new JsonObject { ["tabSize"] = 2, ["insertSpaces"] = true },
        });
        var symbols = await client.RequestAsync("textDocument/documentSymbol", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri } });

        string job = symbols["result"]!.AsArray()[0]!.ToJsonString();
        Assert.Contains("a\\uFFFDb", job, StringComparison.Ordinal);
        Assert.False(formatted.ContainsKey("error"), formatted.ToJsonString());
    }
}
