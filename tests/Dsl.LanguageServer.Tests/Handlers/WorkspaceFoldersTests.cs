using System.Text.Json.Nodes;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Handlers;

/// <summary>Folders added to or removed from the workspace while the server runs are searched, or no longer, at once.</summary>
public sealed class WorkspaceFoldersTests : IDisposable
{
    private readonly string _first = Directory.CreateTempSubdirectory("dsl-lsp-first-").FullName;
    private readonly string _added = Directory.CreateTempSubdirectory("dsl-lsp-added-").FullName;

    public void Dispose()
    {
        Directory.Delete(_first, recursive: true);
        Directory.Delete(_added, recursive: true);
    }

    [Fact]
    public async Task The_server_asks_for_folder_changes_and_searches_the_folders_as_they_change()
    {
        File.WriteAllText(Path.Combine(_added, "meters.stream"), Samples.Library);
        await using var client = TestClient.StartServer();
        var initialize = await client.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = null,
            ["capabilities"] = new JsonObject(),
            ["workspaceFolders"] = new JsonArray(Folder(_first)),
        });
        var folders = initialize["result"]?["capabilities"]?["workspace"]?["workspaceFolders"];
        Assert.True(folders?["supported"]?.GetValue<bool>() == true && folders["changeNotifications"]?.GetValue<bool>() == true, initialize.ToJsonString());
        client.SendNotification("initialized", new JsonObject());
        Assert.DoesNotContain("Meter", await SymbolNamesAsync(client));

        client.SendNotification("workspace/didChangeWorkspaceFolders", Change(added: _added));
        Assert.Contains("Meter", await SymbolNamesAsync(client));

        client.SendNotification("workspace/didChangeWorkspaceFolders", Change(removed: _added));
        Assert.DoesNotContain("Meter", await SymbolNamesAsync(client));
    }

    [Fact]
    public async Task An_open_untitled_buffer_resolves_its_imports_in_the_new_first_folder()
    {
        File.WriteAllText(Path.Combine(_first, "lib.stream"), Samples.Library);
        await using var client = TestClient.StartServer();
        await client.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = null,
            ["capabilities"] = new JsonObject(),
            ["workspaceFolders"] = new JsonArray(Folder(_first)),
        });
        client.SendNotification("initialized", new JsonObject());
        const string Untitled = "untitled:Untitled-1";
        client.SendNotification("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject
            {
                ["uri"] = Untitled, ["languageId"] = "stream", ["version"] = 1,
                ["text"] = "job u\nimport \"lib.stream\"\nmerge Meter on Power {\n  DailyEnergy = Power\n}\n",
            },
        });
        var found = await client.ReadNotificationAsync("textDocument/publishDiagnostics", n => n["params"]?["uri"]?.GetValue<string>() == Untitled);
        Assert.Empty(found["params"]!["diagnostics"]!.AsArray());

        // The first folder replaced by one without the library: the buffer is now taken to be there.
        client.SendNotification("workspace/didChangeWorkspaceFolders", Change(added: _added, removed: _first));

        var missing = await client.ReadNotificationAsync("textDocument/publishDiagnostics", n => n["params"]?["uri"]?.GetValue<string>() == Untitled);
        var diagnostic = Assert.Single(missing["params"]!["diagnostics"]!.AsArray());
        Assert.Equal("DSL2012", diagnostic!["code"]?.GetValue<string>());
        Assert.Contains(Path.Combine(_added, "lib.stream"), diagnostic["message"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_watches_what_the_server_registers_is_asked_to_watch_the_job_files()
    {
        await using var client = TestClient.StartServer();
        await client.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = null,
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["didChangeWatchedFiles"] = new JsonObject { ["dynamicRegistration"] = true } },
            },
            ["workspaceFolders"] = new JsonArray(Folder(_first)),
        });
        client.SendNotification("initialized", new JsonObject());

        var request = await client.ReadMatchingAsync(m => m["method"]?.GetValue<string>() == "client/registerCapability");
        var registration = Assert.Single(request["params"]!["registrations"]!.AsArray())!;
        Assert.Equal("workspace/didChangeWatchedFiles", registration["method"]!.GetValue<string>());
        Assert.Equal("**/*.stream", Assert.Single(registration["registerOptions"]!["watchers"]!.AsArray())!["globPattern"]!.GetValue<string>());
        Assert.NotNull(request["id"]);

        // The client's answer is taken and dropped; the server goes on serving.
        client.SendFramed(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = request["id"]!.DeepClone(), ["result"] = null }.ToJsonString());
        Assert.DoesNotContain("Meter", await SymbolNamesAsync(client));
    }

    private static async Task<string[]> SymbolNamesAsync(TestClient client)
    {
        var response = await client.RequestAsync("workspace/symbol", new JsonObject { ["query"] = "" });
        return response["result"]?.AsArray().Select(s => s?["name"]?.GetValue<string>() ?? "").ToArray() ?? throw new InvalidOperationException(response.ToJsonString());
    }

    private static JsonObject Folder(string path) => new() { ["uri"] = DocumentUri.FromPath(path), ["name"] = Path.GetFileName(path) };

    private static JsonObject Change(string? added = null, string? removed = null) => new()
    {
        ["event"] = new JsonObject
        {
            ["added"] = added is null ? new JsonArray() : new JsonArray(Folder(added)),
            ["removed"] = removed is null ? new JsonArray() : new JsonArray(Folder(removed)),
        },
    };
}
