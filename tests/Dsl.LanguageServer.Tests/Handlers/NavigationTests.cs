using Dsl.LanguageServer.Handlers.Definition;
using Dsl.LanguageServer.Handlers.References;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Handlers;

public sealed class NavigationTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private Location[] Definition(string uri, Position cursor) =>
        new DefinitionHandler(_workspace.Workspace).Handle(new TextDocumentPositionParams(new TextDocumentIdentifier(uri), cursor), CancellationToken.None);

    private Location[] References(string uri, Position cursor, bool includeDeclaration = true) =>
        new ReferencesHandler(_workspace.Workspace).Handle(new ReferenceParams(new TextDocumentIdentifier(uri), cursor, new ReferenceContext(includeDeclaration)), CancellationToken.None);

    [Fact]
    public void Definition_of_a_point_use_is_its_declaration()
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.Job, "ReactivePower ^ 2"));
        var location = Assert.Single(Definition(uri, cursor));
        Assert.Equal(uri, location.Uri);
        Assert.Equal("ReactivePower", _workspace.TextAt(uri, location.Range));
        Assert.Equal(9, location.Range.Start.Line);
    }

    [Fact]
    public void Definition_works_with_the_cursor_just_after_the_name()
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.Job, "ReactivePower ^ 2", after: false).Replace("|ReactivePower ^ 2", "ReactivePower| ^ 2", StringComparison.Ordinal));
        var location = Assert.Single(Definition(uri, cursor));
        Assert.Equal(9, location.Range.Start.Line);
    }

    [Fact]
    public void Definition_of_a_model_goes_into_the_imported_file()
    {
        var libraryUri = _workspace.WriteFile("models/meters.stream", Samples.Library);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.JobUsingLibrary, "Meter from"));
        var location = Assert.Single(Definition(uri, cursor));
        Assert.Equal(libraryUri, location.Uri);
        Assert.Equal("Meter", _workspace.TextAt(libraryUri, location.Range));
    }

    [Fact]
    public void An_untitled_buffer_imports_from_the_workspace_folder_and_navigates_to_file_uris()
    {
        const string untitled = "untitled:Untitled-1";
        var libraryUri = _workspace.WriteFile("lib.stream", Samples.Library);
        var job = Samples.JobUsingLibrary.Replace("models/meters.stream", "lib.stream", StringComparison.Ordinal);
        var (uri, cursor) = _workspace.OpenUri(untitled, Samples.WithCursor(job, "Meter from"));
        var document = _workspace.Workspace.GetDocument(uri);
        // The import resolves from the workspace folder, as if the buffer were saved there: no "not found".
        Assert.Empty(_workspace.Workspace.GetDiagnostics(document, CancellationToken.None));

        var definition = Assert.Single(Definition(uri, cursor));
        Assert.Equal(libraryUri, definition.Uri);
        Assert.StartsWith("file://", definition.Uri, StringComparison.Ordinal);

        var (_, onImport) = _workspace.OpenUri(untitled, Samples.WithCursor(job, "lib.stream", after: false));
        var imported = Assert.Single(Definition(uri, onImport));
        Assert.Equal(libraryUri, imported.Uri);

        Assert.Equal(new[] { libraryUri, untitled }.Order(StringComparer.Ordinal), References(uri, cursor).Select(r => r.Uri).Distinct().Order(StringComparer.Ordinal));
        var rename = new Dsl.LanguageServer.Handlers.Rename.RenameHandler(_workspace.Workspace)
            .Handle(new RenameParams(new TextDocumentIdentifier(uri), cursor, "Counter"), CancellationToken.None);
        Assert.Equal(new[] { libraryUri, untitled }.Order(StringComparer.Ordinal), rename.Changes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Definition_on_an_import_path_is_the_imported_file_and_nothing_for_a_missing_one()
    {
        var libraryUri = _workspace.WriteFile("models/meters.stream", Samples.Library);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.JobUsingLibrary, "meters.stream"));
        var location = Assert.Single(Definition(uri, cursor));
        Assert.Equal(libraryUri, location.Uri);
        Assert.Equal(new Position(0, 0), location.Range.Start);

        var (missingUri, missingCursor) = _workspace.Open("other.stream", Samples.WithCursor(Samples.JobUsingLibrary.Replace("meters.stream", "nometers.stream", StringComparison.Ordinal), "meters.stream"));
        Assert.Empty(Definition(missingUri, missingCursor));
    }

    [Fact]
    public void Definition_of_a_builtin_function_or_a_keyword_is_empty()
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.Job, "sqrt("));
        Assert.Empty(Definition(uri, cursor));
        var (uri2, cursor2) = _workspace.Open("other.stream", Samples.WithCursor(Samples.Job, "window"));
        Assert.Empty(Definition(uri2, cursor2));
    }

    [Fact]
    public void References_of_a_point_include_its_declaration_and_every_use()
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.Job, "ActivePower: double"));
        var references = References(uri, cursor);
        // The declaration, avg(ActivePower), where ActivePower, on ActivePower and sqrt(ActivePower ^ 2 …).
        int[] lines = [8, 18, 18, 21, 22];
        Assert.Equal(lines, references.Select(r => (int)r.Range.Start.Line).Order());
        Assert.All(references, r => Assert.Equal("ActivePower", _workspace.TextAt(uri, r.Range)));
        var withoutDeclaration = References(uri, cursor, includeDeclaration: false);
        int[] uses = [18, 18, 21, 22];
        Assert.Equal(uses, withoutDeclaration.Select(r => (int)r.Range.Start.Line).Order());
    }

    [Fact]
    public void References_of_a_library_model_include_the_files_that_import_it()
    {
        var jobUri = _workspace.WriteFile("main.stream", Samples.JobUsingLibrary);
        var (libraryUri, cursor) = _workspace.Open("models/meters.stream", Samples.WithCursor(Samples.Library, "Reading kWh"));
        var references = References(libraryUri, cursor);
        Assert.Contains(references, r => r.Uri == libraryUri);
        Assert.Contains(references, r => r.Uri == jobUri && _workspace.TextAt(jobUri, r.Range) == "Reading");
    }
}
