using Dsl.LanguageServer.Handlers.DocumentSymbols;
using Dsl.LanguageServer.Handlers.WorkspaceSymbols;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Handlers;

public sealed class SymbolsTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void The_outline_has_the_job_models_with_points_and_rules_with_outputs()
    {
        var (uri, _) = _workspace.Open("main.stream", Samples.Job);
        var symbols = new DocumentSymbolsHandler(_workspace.Workspace).Handle(new DocumentSymbolParams(new TextDocumentIdentifier(uri)), CancellationToken.None);
        Assert.Contains(symbols, s => s.Name == "turbine_kpis" && s.Kind == SymbolKind.Module);
        var model = Assert.Single(symbols, s => s.Kind == SymbolKind.Class);
        Assert.Equal("WindTurbine", model.Name);
        Assert.Contains(model.Children ?? [], c => c.Name == "ActivePower" && c.Detail == "ai double kW range [0, 3500]");
        Assert.Contains(model.Children ?? [], c => c.Name == "RatedPower" && c.Kind == SymbolKind.Constant);
        var aggregate = Assert.Single(symbols, s => s.Name.StartsWith("aggregate", StringComparison.Ordinal));
        Assert.Equal("aggregate WindTurbine window tumbling 10m", aggregate.Name);
        Assert.Contains(aggregate.Children ?? [], c => c.Name == "ActivePowerAvg10m");
        Assert.Contains(symbols, s => s.Name.StartsWith("energy WindTurbine from TotalEnergy by meter", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_selection_range_lies_inside_its_range_even_for_broken_files()
    {
        var (uri, _) = _workspace.Open("main.stream", "model {\n ai \n}\naggregate window tumbling {\n = avg(\n");
        var symbols = new DocumentSymbolsHandler(_workspace.Workspace).Handle(new DocumentSymbolParams(new TextDocumentIdentifier(uri)), CancellationToken.None);
        foreach (var symbol in symbols.Concat(symbols.SelectMany(s => s.Children ?? [])))
        {
            Assert.True(Compare(symbol.Range.Start, symbol.SelectionRange.Start) <= 0);
            Assert.True(Compare(symbol.SelectionRange.End, symbol.Range.End) <= 0);
        }
    }

    [Theory]
    [InlineData("settings {\n  ``\n  lateness 5m\n}")]
    [InlineData("settings {\n  lateness 5m\n  ``\n}")]
    [InlineData("model `` { ai `` }\nmerge `` on P { `` = P }")]
    public void Every_symbol_has_a_name_while_a_backtick_name_is_still_empty(string text)
    {
        // VS Code rejects a symbol without a name, and with it the whole outline of the file.
        var (uri, _) = _workspace.Open("main.stream", text);
        var symbols = new DocumentSymbolsHandler(_workspace.Workspace).Handle(new DocumentSymbolParams(new TextDocumentIdentifier(uri)), CancellationToken.None);
        Assert.All(symbols.Concat(symbols.SelectMany(s => s.Children ?? [])), s => Assert.False(string.IsNullOrEmpty(s.Name)));
    }

    [Fact]
    public void Workspace_symbols_find_models_and_points_in_open_and_closed_files()
    {
        _workspace.WriteFile("models/meters.stream", Samples.Library);
        _workspace.Open("main.stream", Samples.Job);
        var handler = new WorkspaceSymbolsHandler(_workspace.Workspace);
        var meters = handler.Handle(new WorkspaceSymbolParams("meter"), CancellationToken.None);
        Assert.Contains(meters, s => s.Name == "Meter" && s.Kind == SymbolKind.Class && s.Location.Uri.EndsWith("meters.stream", StringComparison.Ordinal));
        var fuzzy = handler.Handle(new WorkspaceSymbolParams("acpw"), CancellationToken.None);
        Assert.Contains(fuzzy, s => s.Name == "ActivePower" && s.ContainerName == "WindTurbine");
    }

    private static int Compare(Position a, Position b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Character.CompareTo(b.Character);
}
