using Dsl.LanguageServer.Handlers.Rename;
using Dsl.LanguageServer.Protocol;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Handlers;

public sealed class RenameTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private WorkspaceEdit Rename(string uri, Position cursor, string newName) =>
        new RenameHandler(_workspace.Workspace).Handle(new RenameParams(new TextDocumentIdentifier(uri), cursor, newName), CancellationToken.None);

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
