using System.Text.Json.Nodes;
using Dsl.LanguageServer.Handlers.Rename;
using Dsl.LanguageServer.Protocol;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Handlers;

public sealed class RenameTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private WorkspaceEdit Rename(string uri, Position cursor, string newName, bool renamesFiles = false) =>
        new RenameHandler(_workspace.Workspace) { RenamesFiles = renamesFiles }
            .Handle(new RenameParams(new TextDocumentIdentifier(uri), cursor, newName), CancellationToken.None);

    private static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var source = Compiler.Text.SourceText.From(text);
        foreach (var edit in edits.OrderByDescending(e => e.Range.Start.Line).ThenByDescending(e => e.Range.Start.Character))
        {
            var span = Dsl.LanguageServer.Documents.TextPositions.ToSpan(source, edit.Range);
            text = text.Remove(span.Start, span.Length).Insert(span.Start, edit.NewText);
        }
        return text;
    }

    [Fact]
    public void Renaming_a_point_edits_its_declaration_and_every_use()
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.Job, "ReactivePower ^ 2"));
        var edit = Rename(uri, cursor, "Reactive");
        var renamed = Apply(_workspace.TextOf(uri), edit.Changes[uri]);
        Assert.DoesNotContain("ReactivePower", renamed);
        Assert.Contains("ai Reactive kvar", renamed);
        Assert.Contains("Reactive ^ 2", renamed);
    }

    [Fact]
    public void Prepare_rename_gives_the_name_under_the_cursor()
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.Job, "ctivePowerAvg10m =", after: false));
        var result = new RenameHandler(_workspace.Workspace).Prepare(new TextDocumentPositionParams(new TextDocumentIdentifier(uri), cursor), CancellationToken.None);
        Assert.NotNull(result);
        Assert.Equal("ActivePowerAvg10m", result.Placeholder);
        Assert.Equal("ActivePowerAvg10m", _workspace.TextAt(uri, result.Range));
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("has space")]
    [InlineData("aggregate")]
    [InlineData("")]
    [InlineData("a-b")]
    public void Renaming_to_an_invalid_name_is_refused(string newName)
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.Job, "ReactivePower ^ 2"));
        var error = Assert.Throws<JsonRpcException>(() => Rename(uri, cursor, newName));
        Assert.Equal(ErrorCodes.InvalidParams, error.Code);
    }

    [Theory]
    [InlineData("ReactivePower ^ 2", "ActivePower", "\"ActivePower\" is already a point of model \"WindTurbine\"; choose another name.")]
    [InlineData("ReactivePower ^ 2", "`RatedPower`", "\"RatedPower\" is already an attribute of model \"WindTurbine\"; choose another name.")]
    [InlineData("RatedPower * 1.2", "TotalEnergy", "\"TotalEnergy\" is already a point of model \"WindTurbine\"; choose another name.")]
    public void Renaming_onto_a_name_its_model_already_has_is_refused(string at, string newName, string message)
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.Job, at));
        var error = Assert.Throws<JsonRpcException>(() => Rename(uri, cursor, newName));
        Assert.Equal(ErrorCodes.RequestFailed, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Renaming_a_model_onto_another_model_is_refused()
    {
        var text = Samples.Job + "\nmodel Inverter {\n  ai Power kW\n}\n";
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "WindTurbine window"));
        var error = Assert.Throws<JsonRpcException>(() => Rename(uri, cursor, "Inverter"));
        Assert.Equal("\"Inverter\" is already a model; choose another name.", error.Message);
        // A name that is free is accepted: the declaration and the aggregate, merge and energy rules.
        var renamed = Apply(_workspace.TextOf(uri), Rename(uri, cursor, "Turbine").Changes[uri]);
        Assert.Equal(text.Replace("WindTurbine", "Turbine", StringComparison.Ordinal), renamed);
    }

    [Fact]
    public void A_backtick_name_is_a_valid_new_name()
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.Job, "ReactivePower ^ 2"));
        var renamed = Apply(_workspace.TextOf(uri), Rename(uri, cursor, "`Reactive.Power`").Changes[uri]);
        Assert.Contains("`Reactive.Power` ^ 2", renamed);
    }

    [Fact]
    public void Prepare_rename_on_a_backtick_name_offers_it_with_its_backticks_so_it_can_be_edited_and_accepted()
    {
        var job = Samples.Job.Replace("ReactivePower", "`Reactive.Power`", StringComparison.Ordinal);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(job, "Reactive.Power` ^ 2", after: false));
        var result = new RenameHandler(_workspace.Workspace).Prepare(new TextDocumentPositionParams(new TextDocumentIdentifier(uri), cursor), CancellationToken.None);
        Assert.NotNull(result);
        Assert.Equal("`Reactive.Power`", result.Placeholder);
        Assert.Equal("`Reactive.Power`", _workspace.TextAt(uri, result.Range));
        var renamed = Apply(_workspace.TextOf(uri), Rename(uri, cursor, result.Placeholder.Replace("Power", "Power2", StringComparison.Ordinal)).Changes[uri]);
        Assert.Contains("`Reactive.Power2` ^ 2", renamed);
    }

    [Fact]
    public void Renaming_a_job_in_a_file_of_another_name_edits_its_job_line()
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.Job, "turbine_kpis"));
        var renamed = Apply(_workspace.TextOf(uri), Rename(uri, cursor, "`turbine kpis`").Changes[uri]);
        Assert.StartsWith("job `turbine kpis` \"Ten-minute", renamed, StringComparison.Ordinal);
    }

    [Fact]
    public void Renaming_the_job_of_a_file_named_after_it_renames_the_file_with_it()
    {
        var (uri, cursor) = _workspace.Open("jobs/turbine_kpis.stream", Samples.WithCursor(Samples.Job, "turbine_kpis"));

        var edit = Rename(uri, cursor, "turbines", renamesFiles: true);

        Assert.Equal([uri], edit.Changes.Keys);
        Assert.Collection(edit.DocumentChanges!,
            change =>
            {
                var text = Assert.IsType<TextDocumentEdit>(change);
                Assert.Equal(new VersionedTextDocumentIdentifier(uri, 1), text.TextDocument);
                Assert.StartsWith("job turbines \"Ten-minute", Apply(_workspace.TextOf(uri), text.Edits), StringComparison.Ordinal);
            },
            change =>
            {
                var file = Assert.IsType<RenameFile>(change);
                Assert.Equal((uri, _workspace.UriOf("jobs/turbines.stream"), "rename"), (file.OldUri, file.NewUri, file.Kind));
                Assert.False(file.Options.Overwrite);
            });
    }

    [Fact]
    public async Task A_client_that_renames_files_gets_the_job_and_its_file_renamed_on_the_wire()
    {
        var uri = _workspace.WriteFile("jobs/turbine_kpis.stream", Samples.Job);
        await using var client = TestClient.StartServer();
        await client.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = null,
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject
                {
                    ["workspaceEdit"] = new JsonObject { ["documentChanges"] = true, ["resourceOperations"] = new JsonArray("create", "rename", "delete") },
                },
            },
        });
        client.SendNotification("initialized", new JsonObject());
        client.SendNotification("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "stream", ["version"] = 3, ["text"] = Samples.Job },
        });

        var response = await client.RequestAsync("textDocument/rename", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["position"] = new JsonObject { ["line"] = 0, ["character"] = 5 },
            ["newName"] = "turbines",
        });

        var changes = response["result"]?["documentChanges"]?.AsArray() ?? throw new InvalidOperationException(response.ToJsonString());
        Assert.Equal(2, changes.Count);
        Assert.Equal(uri, changes[0]!["textDocument"]!["uri"]!.GetValue<string>());
        Assert.Equal(3, changes[0]!["textDocument"]!["version"]!.GetValue<int>());
        Assert.Equal("turbines", changes[0]!["edits"]![0]!["newText"]!.GetValue<string>());
        Assert.Equal("rename", changes[1]!["kind"]!.GetValue<string>());
        Assert.Equal(uri, changes[1]!["oldUri"]!.GetValue<string>());
        Assert.Equal(_workspace.UriOf("jobs/turbines.stream"), changes[1]!["newUri"]!.GetValue<string>());
        Assert.False(changes[1]!["options"]!["overwrite"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("`turbine kpis`")]
    [InlineData("`turbine-kpis`")]
    [InlineData("_turbines")]
    public void The_job_of_a_file_named_after_it_takes_only_a_name_a_job_file_can_have(string newName)
    {
        var (uri, cursor) = _workspace.Open("jobs/turbine_kpis.stream", Samples.WithCursor(Samples.Job, "turbine_kpis"));
        var error = Assert.Throws<JsonRpcException>(() => Rename(uri, cursor, newName, renamesFiles: true));
        Assert.Equal(ErrorCodes.InvalidParams, error.Code);
        Assert.Contains("turbine_kpis.stream is named after its job", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_job_of_a_file_named_after_it_is_not_renamed_onto_another_file_or_by_an_editor_that_cannot_rename_files()
    {
        var (uri, cursor) = _workspace.Open("jobs/turbine_kpis.stream", Samples.WithCursor(Samples.Job, "turbine_kpis"));
        _workspace.WriteFile("jobs/meters.stream", "job meters\n");

        var taken = Assert.Throws<JsonRpcException>(() => Rename(uri, cursor, "meters", renamesFiles: true));
        var cannot = Assert.Throws<JsonRpcException>(() => Rename(uri, cursor, "turbines", renamesFiles: false));

        Assert.Equal("meters.stream already exists beside turbine_kpis.stream; choose another name.", taken.Message);
        Assert.Equal("turbine_kpis.stream is named after its job, and this editor does not rename files in a rename: rename the job line and the file to turbines.stream together.", cannot.Message);
    }

    [Theory]
    [InlineData("` `")]
    [InlineData("`\t`")]
    public void A_job_name_of_white_space_only_is_refused(string newName)
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.Job, "turbine_kpis"));
        var error = Assert.Throws<JsonRpcException>(() => Rename(uri, cursor, newName));
        Assert.Equal(ErrorCodes.InvalidParams, error.Code);
        Assert.Equal("A job name cannot be only white space.", error.Message);
    }

    [Fact]
    public void Built_in_functions_cannot_be_renamed()
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.Job, "sqrt("));
        var error = Assert.Throws<JsonRpcException>(() => Rename(uri, cursor, "root"));
        Assert.Equal(ErrorCodes.RequestFailed, error.Code);
    }

    [Fact]
    public void Renaming_a_library_model_edits_the_files_that_import_it()
    {
        var (jobUri, _) = _workspace.Open("main.stream", Samples.JobUsingLibrary);
        var (libraryUri, cursor) = _workspace.Open("models/meters.stream", Samples.WithCursor(Samples.Library, "Meter {"));
        var edit = Rename(libraryUri, cursor, "EnergyMeter");
        Assert.Contains("model EnergyMeter {", Apply(_workspace.TextOf(libraryUri), edit.Changes[libraryUri]));
        Assert.Contains("energy EnergyMeter from Reading", Apply(_workspace.TextOf(jobUri), edit.Changes[jobUri]));
    }

    [Theory]
    [InlineData("job j\nimport \"models/lib.stream\"\nimport \"models/other.stream\"\nenergy Meter from Reading by meter {\n  daily Reading\n}\n")]
    [InlineData("job j\nimport \"models/both.stream\"\n")]
    public void Renaming_a_library_model_onto_a_model_an_importing_job_also_sees_is_refused(string job)
    {
        _workspace.WriteFile("models/other.stream", "model Pump {\n  ai Flow m3/h\n}\n");
        _workspace.WriteFile("models/both.stream", "import \"lib.stream\"\nimport \"other.stream\"\n");
        _workspace.WriteFile("job.stream", job);
        var (libraryUri, cursor) = _workspace.Open("models/lib.stream", Samples.WithCursor("model Meter {\n  pi Reading kWh\n}\n", "Meter {"));
        var error = Assert.Throws<JsonRpcException>(() => Rename(libraryUri, cursor, "Pump"));
        Assert.Equal(ErrorCodes.RequestFailed, error.Code);
        Assert.Equal("\"Pump\" is already a model; choose another name.", error.Message);
    }
}
