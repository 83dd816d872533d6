using System.Text.Json.Nodes;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Handlers;

public sealed class DiagnosticsTests
{
    private const string Uri = "file:///tmp/dsl-lsp-diagnostics/main.stream";

    private static JsonObject Open(string text) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = Uri, ["languageId"] = "stream", ["version"] = 1, ["text"] = text },
    };

    private static JsonObject Change(int version, int line, int character, int endLine, int endCharacter, string text) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = Uri, ["version"] = version },
        ["contentChanges"] = new JsonArray(new JsonObject
        {
            ["range"] = new JsonObject
            {
                ["start"] = new JsonObject { ["line"] = line, ["character"] = character },
                ["end"] = new JsonObject { ["line"] = endLine, ["character"] = endCharacter },
            },
            ["text"] = text,
        }),
    };

    private static Func<JsonObject, bool> ForVersion(int version) => m => m["params"]?["version"]?.GetValue<int>() == version;

    /// <summary>Opens <paramref name="text"/> as version 1 and waits for the diagnostics published for it.</summary>
    private static Task<JsonObject> OpenAsync(TestClient client, string text)
    {
        client.SendNotification("textDocument/didOpen", Open(text));
        return client.ReadNotificationAsync("textDocument/publishDiagnostics", ForVersion(1));
    }

    [Fact]
    public async Task Diagnostics_are_published_on_open_and_cleared_once_the_error_is_fixed()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();
        var broken = Samples.Job.Replace("ReactivePower ^ 2", "ReactivePwr ^ 2", StringComparison.Ordinal);
        var published = await OpenAsync(client, broken);
        var diagnostic = Assert.Single(published["params"]?["diagnostics"]?.AsArray() ?? [], d => d?["severity"]?.GetValue<int>() == 1);
        Assert.Equal("DSL2003", diagnostic?["code"]?.GetValue<string>());
        Assert.Equal("dsl", diagnostic?["source"]?.GetValue<string>());
        Assert.Contains("Did you mean the point \"ReactivePower\"?", diagnostic?["message"]?.GetValue<string>());
        var lines = broken.Split('\n');
        var lineIndex = Array.FindIndex(lines, l => l.Contains("ReactivePwr", StringComparison.Ordinal));
        Assert.Equal(lineIndex, diagnostic?["range"]?["start"]?["line"]?.GetValue<int>());

        var column = lines[lineIndex].IndexOf("ReactivePwr", StringComparison.Ordinal);
        client.SendNotification("textDocument/didChange", Change(2, lineIndex, column, lineIndex, column + "ReactivePwr".Length, "ReactivePower"));
        var fixedUp = await client.ReadNotificationAsync("textDocument/publishDiagnostics", ForVersion(2));
        Assert.DoesNotContain(fixedUp["params"]?["diagnostics"]?.AsArray() ?? [], d => d?["severity"]?.GetValue<int>() == 1);

        client.SendNotification("textDocument/didClose", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri } });
        var cleared = await client.ReadNotificationAsync("textDocument/publishDiagnostics", m => m["params"]?["version"] is null);
        Assert.Empty(cleared["params"]?["diagnostics"]?.AsArray() ?? []);
    }

    [Fact]
    public async Task Every_mistake_in_a_rule_header_is_published_at_its_place()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();
        const string header = "aggregate WindTurbine window tumbling 10m {";
        var broken = Samples.Job.Replace(header, "aggregate WindTurbine window tumbling 10 lateness 1mo emit bogus {", StringComparison.Ordinal);
        var published = await OpenAsync(client, broken);

        var line = Array.FindIndex(broken.Split('\n'), l => l.StartsWith("aggregate", StringComparison.Ordinal));
        Assert.Equal([("DSL1001", line, 38), ("DSL3026", line, 50), ("DSL2008", line, 59)], Errors(published));
    }

    [Fact]
    public async Task A_call_being_typed_publishes_only_its_syntax_error()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();
        await OpenAsync(client, Samples.Job);

        // The output is retyped up to `avg(`: what followed the parenthesis is gone.
        var lines = Samples.Job.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("= avg(", StringComparison.Ordinal));
        var open = lines[line].IndexOf("avg(", StringComparison.Ordinal) + "avg(".Length;
        client.SendNotification("textDocument/didChange", Change(2, line, open, line, lines[line].Length, ""));
        var published = await client.ReadNotificationAsync("textDocument/publishDiagnostics", ForVersion(2));
        Assert.Equal([("DSL1009", line, open)], Errors(published));
    }

    [Fact]
    public async Task A_single_equals_in_a_where_clause_publishes_one_error_that_suggests_double_equals()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();
        var broken = Samples.Job.Replace("where ActivePower in [0, 3500)", "where ActivePower = 0", StringComparison.Ordinal);
        var published = await OpenAsync(client, broken);

        var lines = broken.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("where", StringComparison.Ordinal));
        Assert.Equal([("DSL1001", line, lines[line].IndexOf(" = 0", StringComparison.Ordinal) + 1)], Errors(published));
        Assert.EndsWith("Did you mean \"==\"?", published["params"]?["diagnostics"]?[0]?["message"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rapid_edits_publish_only_diagnostics_of_the_latest_version()
    {
        // The nine edits must all arrive within one delay, also on a loaded machine where the
        // test process can be descheduled between two of them for a second or more.
        await using var client = TestClient.StartServer(new LanguageServerOptions { DiagnosticsDelay = TimeSpan.FromSeconds(5) });
        await client.InitializeAsync();
        client.SendNotification("textDocument/didOpen", Open("job j\n"));
        for (var version = 2; version <= 10; version++)
            client.SendNotification("textDocument/didChange", Change(version, 1, 0, 1, 0, "model M { ai P }\n"));
        var published = await client.ReadNotificationAsync("textDocument/publishDiagnostics");
        Assert.Equal(10, published["params"]?["version"]?.GetValue<int>());
        // Nothing older follows the latest version.
        try
        {
            var later = await client.ReadMatchingAsync(m => m["method"]?.GetValue<string>() == "textDocument/publishDiagnostics", TimeSpan.FromMilliseconds(800));
            Assert.Fail("unexpected: " + later.ToJsonString());
        }
        catch (OperationCanceledException)
        {
        }
    }

    [Fact]
    public async Task A_full_session_answers_every_feature_request()
    {
        await using var client = TestClient.StartServer();
        await client.InitializeAsync();
        client.SendNotification("textDocument/didOpen", Open(Samples.Job));
        var document = new JsonObject { ["uri"] = Uri };
        JsonObject At(int line, int character) => new()
        {
            ["textDocument"] = document.DeepClone(),
            ["position"] = new JsonObject { ["line"] = line, ["character"] = character },
        };
        foreach (var (method, parameters) in new (string, JsonNode)[]
        {
            ("textDocument/hover", At(8, 6)),
            ("textDocument/completion", At(19, 2)),
            ("textDocument/definition", At(19, 28)),
            ("textDocument/references", At(8, 6)),
            ("textDocument/documentHighlight", At(8, 6)),
            ("textDocument/prepareRename", At(8, 6)),
            ("textDocument/signatureHelp", At(23, 23)),
            ("textDocument/documentSymbol", new JsonObject { ["textDocument"] = document.DeepClone() }),
            ("textDocument/formatting", new JsonObject { ["textDocument"] = document.DeepClone(), ["options"] = new JsonObject { ["tabSize"] = 2, ["insertSpaces"] = true } }),
            ("textDocument/semanticTokens/full", new JsonObject { ["textDocument"] = document.DeepClone() }),
            ("textDocument/foldingRange", new JsonObject { ["textDocument"] = document.DeepClone() }),
            ("textDocument/codeAction", new JsonObject { ["textDocument"] = document.DeepClone(), ["range"] = At(8, 6)["position"] is JsonNode p ? new JsonObject { ["start"] = p.DeepClone(), ["end"] = p.DeepClone() } : null, ["context"] = new JsonObject { ["diagnostics"] = new JsonArray() } }),
            ("workspace/symbol", new JsonObject { ["query"] = "Wind" }),
        })
        {
            var response = await client.RequestAsync(method, parameters);
            Assert.True(response.ContainsKey("result"), $"{method}: {response.ToJsonString()}");
        }
    }

    [Fact]
    public async Task An_edit_to_an_imported_file_updates_the_diagnostics_of_the_importing_file()
    {
        await WithLibraryAsync(Samples.Library, async (client, jobUri, libraryPath) =>
        {
            var clean = await client.ReadNotificationAsync("textDocument/publishDiagnostics", m => m["params"]?["uri"]?.GetValue<string>() == jobUri);
            Assert.DoesNotContain(clean["params"]?["diagnostics"]?.AsArray() ?? [], d => d?["severity"]?.GetValue<int>() == 1);

            // The library, edited but not saved, loses the point the job reads.
            client.SendNotification("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = Dsl.LanguageServer.Documents.DocumentUri.FromPath(libraryPath), ["languageId"] = "stream", ["version"] = 1, ["text"] = Samples.Library.Replace("pi Reading kWh", "pi Counter kWh", StringComparison.Ordinal) },
            });
            var broken = await client.ReadNotificationAsync("textDocument/publishDiagnostics", m =>
                m["params"]?["uri"]?.GetValue<string>() == jobUri && (m["params"]?["diagnostics"]?.AsArray().Count ?? 0) > 0);
            Assert.Contains(broken["params"]?["diagnostics"]?.AsArray() ?? [], d => d?["code"]?.GetValue<string>() == "DSL2003");
        });
    }

    [Fact]
    public async Task Errors_of_an_imported_file_show_on_the_import_and_follow_changes_on_disk()
    {
        await WithLibraryAsync(Samples.Library.Replace("ai Power kW", "ai Power: doubel kW", StringComparison.Ordinal), async (client, jobUri, libraryPath) =>
        {
            // The library is not open: its error is the job's, on the line that imports it.
            var broken = await client.ReadNotificationAsync("textDocument/publishDiagnostics", m => m["params"]?["uri"]?.GetValue<string>() == jobUri);
            var diagnostic = Assert.Single(broken["params"]?["diagnostics"]?.AsArray() ?? []);
            Assert.Equal("DSL2008", diagnostic?["code"]?.GetValue<string>());
            Assert.StartsWith("models/meters.stream(4,13): ", diagnostic?["message"]?.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(2, diagnostic?["range"]?["start"]?["line"]?.GetValue<int>());
            Assert.Equal(7, diagnostic?["range"]?["start"]?["character"]?.GetValue<int>());

            // Fixed on disk (a checkout, another editor): the watcher's event clears it.
            File.WriteAllText(libraryPath, Samples.Library);
            client.SendNotification("workspace/didChangeWatchedFiles", new JsonObject
            {
                ["changes"] = new JsonArray(new JsonObject { ["uri"] = Dsl.LanguageServer.Documents.DocumentUri.FromPath(libraryPath), ["type"] = 2 }),
            });
            await client.ReadNotificationAsync("textDocument/publishDiagnostics", m =>
                m["params"]?["uri"]?.GetValue<string>() == jobUri && m["params"]?["diagnostics"]?.AsArray().Count == 0);
        });
    }

    [Fact]
    public async Task The_fix_of_an_imported_files_error_is_for_the_diagnostic_on_the_import_and_edits_only_the_imported_file()
    {
        await WithLibraryAsync(Samples.Library.Replace("ai Power kW", "ai Power: doubel kW", StringComparison.Ordinal), async (client, jobUri, libraryPath) =>
        {
            var published = await client.ReadNotificationAsync("textDocument/publishDiagnostics", m => m["params"]?["uri"]?.GetValue<string>() == jobUri);
            var shown = Assert.Single(published["params"]?["diagnostics"]?.AsArray() ?? [])!;
            var response = await client.RequestAsync("textDocument/codeAction", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = jobUri },
                ["range"] = shown["range"]?.DeepClone(),
                ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(shown.DeepClone()) },
            });

            var fix = Assert.Single(response["result"]?.AsArray() ?? [])!;
            // The diagnostic it fixes is the one the job shows (on its import line), not the library's own range.
            Assert.True(JsonNode.DeepEquals(shown, Assert.Single(fix["diagnostics"]?.AsArray() ?? [])), fix.ToJsonString());
            var changes = fix["edit"]?["changes"]?.AsObject() ?? [];
            var (uri, edits) = Assert.Single(changes);
            Assert.Equal(Dsl.LanguageServer.Documents.DocumentUri.FromPath(libraryPath), uri);
            var edit = Assert.Single(edits?.AsArray() ?? [])!;
            Assert.Equal("double", edit["newText"]?.GetValue<string>());
            Assert.Equal(3, edit["range"]?["start"]?["line"]?.GetValue<int>());
            Assert.Equal(12, edit["range"]?["start"]?["character"]?.GetValue<int>());
            Assert.Equal(18, edit["range"]?["end"]?["character"]?.GetValue<int>());
        });
    }

    /// <summary>The errors of a publishDiagnostics notification: code, line and character of each.</summary>
    private static (string?, int?, int?)[] Errors(JsonObject published) =>
        [.. (published["params"]?["diagnostics"]?.AsArray() ?? [])
            .Where(d => d?["severity"]?.GetValue<int>() == 1)
            .Select(d => (d?["code"]?.GetValue<string>(), d?["range"]?["start"]?["line"]?.GetValue<int>(), d?["range"]?["start"]?["character"]?.GetValue<int>()))];

    /// <summary>
    /// A folder with <c>models/meters.stream</c> (<paramref name="library"/>, on disk) and a server
    /// with <c>main.stream</c> (<see cref="Samples.JobUsingLibrary"/>, importing it) open.
    /// </summary>
    private static async Task WithLibraryAsync(string library, Func<TestClient, string, string, Task> test)
    {
        var root = Directory.CreateTempSubdirectory("dsl-lsp-import-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "models"));
            var libraryPath = Path.Combine(root, "models", "meters.stream");
            File.WriteAllText(libraryPath, library);
            var jobUri = Dsl.LanguageServer.Documents.DocumentUri.FromPath(Path.Combine(root, "main.stream"));

            await using var client = TestClient.StartServer();
            await client.InitializeAsync();
            client.SendNotification("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = jobUri, ["languageId"] = "stream", ["version"] = 1, ["text"] = Samples.JobUsingLibrary },
            });
            await test(client, jobUri, libraryPath);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>As dsl check says it (DSL2022): not "not found" for a file that is right there.</summary>
    [Fact]
    public void An_import_of_a_file_on_disk_that_cannot_be_read_says_so()
    {
        using var workspace = new TestWorkspace();
        workspace.WriteFile("models.stream", Samples.Library);
        var (uri, _) = workspace.Open("main.stream", "job demo\nimport \"models.stream\"\n");
        var document = workspace.Workspace.Documents.Get(uri) ?? throw new InvalidOperationException("The document is open.");

        // Held open exclusively by another program (a lock that holds for root too).
        Dsl.Compiler.Diagnostics.Diagnostic diagnostic;
        using (new FileStream(Path.Combine(workspace.Root, "models.stream"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            diagnostic = Assert.Single(workspace.Workspace.GetDiagnostics(document, CancellationToken.None));
        Assert.Equal("DSL2022", diagnostic.Code);
    }

    [Fact]
    public void An_import_of_a_directory_on_disk_says_it_is_a_directory()
    {
        using var workspace = new TestWorkspace();
        workspace.WriteFile("models/meters.stream", Samples.Library);
        var (uri, _) = workspace.Open("main.stream", "job demo\nimport \"models\"\n");
        var document = workspace.Workspace.Documents.Get(uri) ?? throw new InvalidOperationException("The document is open.");

        var diagnostic = Assert.Single(workspace.Workspace.GetDiagnostics(document, CancellationToken.None));
        Assert.Equal("DSL2020", diagnostic.Code);
    }
}
