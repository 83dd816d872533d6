using Dsl.LanguageServer.Handlers.CodeActions;
using Dsl.LanguageServer.Handlers.Completion;
using Dsl.LanguageServer.Handlers.Definition;
using Dsl.LanguageServer.Handlers.Hover;
using Dsl.LanguageServer.Handlers.References;
using Dsl.LanguageServer.Handlers.SignatureHelp;
using Dsl.LanguageServer.Protocol;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;
using Range = Dsl.LanguageServer.Protocol.Messages.Range;

namespace Dsl.LanguageServer.Tests.Handlers;

/// <summary>Every position-based handler answers, without throwing, at any position of any text.</summary>
public sealed class RobustnessTests
{
    private static readonly string[] _brokenSources =
    [
        "",
        "model",
        "model WindTurbine {",
        "aggregate WindTurbine window tumbling 10m {\n  X = avg(",
        "merge M on { = ) ( ] [ :: ` \" \\",
        "job j\nimport \"does/not/exist.stream\"\nenergy Q from by {\n slope [0,\n daily\n}",
        "/* never closed",
        "settings { timezone \"Europe/Ber",
        Samples.Job[..(Samples.Job.Length / 2)],
        "\uFFFD\u0000\t\r\n\r\u2028 model 😀 { ai `` }",
    ];

    public static TheoryData<int> SourceIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < _brokenSources.Length; i++)
            data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(SourceIndexes))]
    public void Every_handler_answers_at_every_position_of_a_broken_file(int index)
    {
        using var workspace = new TestWorkspace();
        var (uri, _) = workspace.Open("main.stream", _brokenSources[index]);
        var document = new TextDocumentIdentifier(uri);
        var text = _brokenSources[index];
        var lines = text.Split('\n').Length;
        var positions = new List<Position> { new(-1, -1), new(0, 10_000), new(10_000, 0), new(lines - 1, 10_000) };
        for (var line = 0; line < lines; line++)
        {
            for (var character = 0; character <= 40; character += 3)
                positions.Add(new Position(line, character));
        }

        var ws = workspace.Workspace;
        foreach (var position in positions)
        {
            new CompletionHandler(ws).Handle(new CompletionParams(document, position), CancellationToken.None);
            new HoverHandler(ws).Handle(new TextDocumentPositionParams(document, position), CancellationToken.None);
            new DefinitionHandler(ws).Handle(new TextDocumentPositionParams(document, position), CancellationToken.None);
            new ReferencesHandler(ws).Handle(new ReferenceParams(document, position), CancellationToken.None);
            new Dsl.LanguageServer.Handlers.DocumentHighlights.DocumentHighlightsHandler(ws).Handle(new TextDocumentPositionParams(document, position), CancellationToken.None);
            new SignatureHelpHandler(ws).Handle(new SignatureHelpParams(document, position), CancellationToken.None);
            new CodeActionsHandler(ws).Handle(new CodeActionParams(document, new Range(position, new Position(position.Line + 3, 0))), CancellationToken.None);
            try
            {
                new Dsl.LanguageServer.Handlers.Rename.RenameHandler(ws).Prepare(new TextDocumentPositionParams(document, position), CancellationToken.None);
            }
            catch (JsonRpcException ex)
            {
                Assert.Equal(ErrorCodes.RequestFailed, ex.Code);
            }
        }
        new Dsl.LanguageServer.Handlers.SemanticTokens.SemanticTokensHandler(ws).Handle(new SemanticTokensParams(document), CancellationToken.None);
        new Dsl.LanguageServer.Handlers.DocumentSymbols.DocumentSymbolsHandler(ws).Handle(new DocumentSymbolParams(document), CancellationToken.None);
        new Dsl.LanguageServer.Handlers.FoldingRanges.FoldingRangesHandler(ws).Handle(new FoldingRangeParams(document), CancellationToken.None);
        new Dsl.LanguageServer.Handlers.Formatting.FormattingHandler(ws).Handle(new DocumentFormattingParams(document), CancellationToken.None);
    }

    [Fact]
    public void An_unsaved_untitled_document_is_served_like_a_file()
    {
        var workspace = new Dsl.LanguageServer.Analysis.Workspace();
        const string uri = "untitled:Untitled-1";
        var text = "import \"models.stream\"\n" + Samples.Job;
        var document = workspace.Documents.Open(uri, 1, text);
        Assert.Contains(workspace.GetDiagnostics(document, CancellationToken.None), d => d.Code == "DSL2012");
        var cursor = Dsl.LanguageServer.Documents.TextPositions.ToPosition(document.Source, text.IndexOf("ReactivePower ^", StringComparison.Ordinal));
        var location = Assert.Single(new DefinitionHandler(workspace).Handle(new TextDocumentPositionParams(new TextDocumentIdentifier(uri), cursor), CancellationToken.None));
        Assert.Equal(uri, location.Uri);
    }

    [Fact]
    public void Without_a_workspace_folder_an_untitled_buffer_imports_from_the_working_directory_and_gets_file_uris()
    {
        var name = $"dsl-untitled-{Guid.NewGuid():N}.stream";
        var library = Path.Combine(Directory.GetCurrentDirectory(), name);
        File.WriteAllText(library, Samples.Library);
        try
        {
            var workspace = new Dsl.LanguageServer.Analysis.Workspace();
            const string uri = "untitled:Untitled-1";
            var text = Samples.JobUsingLibrary.Replace("models/meters.stream", name, StringComparison.Ordinal);
            var document = workspace.Documents.Open(uri, 1, text);
            Assert.Empty(workspace.GetDiagnostics(document, CancellationToken.None));
            var cursor = Dsl.LanguageServer.Documents.TextPositions.ToPosition(document.Source, text.IndexOf("Meter from", StringComparison.Ordinal));
            var location = Assert.Single(new DefinitionHandler(workspace).Handle(new TextDocumentPositionParams(new TextDocumentIdentifier(uri), cursor), CancellationToken.None));
            // An absolute file URI, not the import's relative path.
            Assert.Equal(Dsl.LanguageServer.Documents.DocumentUri.FromPath(library), location.Uri);
        }
        finally
        {
            File.Delete(library);
        }
    }

    [Fact]
    public void A_cancelled_request_stops_with_operation_cancelled()
    {
        using var workspace = new TestWorkspace();
        var (uri, _) = workspace.Open("main.stream", Samples.Job);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Dsl.LanguageServer.Handlers.SemanticTokens.SemanticTokensHandler(workspace.Workspace).Handle(new SemanticTokensParams(new TextDocumentIdentifier(uri)), cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Dsl.LanguageServer.Handlers.WorkspaceSymbols.WorkspaceSymbolsHandler(workspace.Workspace).Handle(new WorkspaceSymbolParams(""), cancelled.Token));
    }
}
