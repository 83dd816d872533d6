using Dsl.LanguageServer.Handlers.References;
using Dsl.LanguageServer.Handlers.Rename;
using Dsl.LanguageServer.Handlers.WorkspaceSymbols;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Handlers;

/// <summary>Workspace folders with links: every real file is seen once, and links that lead back up the tree end the walk.</summary>
public sealed class WorkspaceLinkTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>W/d/up -&gt; .. (a link back to W, the parent of d).</summary>
    private void LinkUp() =>
        Directory.CreateSymbolicLink(Path.Combine(_workspace.Root, "d", "up"), "..");

    /// <summary>W/self -&gt; ../W (the folder, named through its parent).</summary>
    private void LinkSelf() =>
        Directory.CreateSymbolicLink(Path.Combine(_workspace.Root, "self"), Path.Combine("..", Path.GetFileName(_workspace.Root)));

    /// <summary>Runs a request with a deadline: a walk that never ends is cancelled and fails the test.</summary>
    private static T Answer<T>(Func<CancellationToken, T> request)
    {
        using var cancellation = new CancellationTokenSource();
        var task = Task.Run(() => request(cancellation.Token));
        if (!task.Wait(Patience))
        {
            cancellation.Cancel();
            Assert.Fail($"No answer within {Patience.TotalSeconds} seconds.");
        }
        return task.Result;
    }

    [Fact]
    public void Workspace_symbols_list_a_file_once_when_a_link_leads_back_up_the_tree()
    {
        _workspace.WriteFile("lib.stream", Samples.Library);
        _workspace.WriteFile("d/other.stream", "model Other {\n  ai P\n}\n");
        LinkUp();
        var handler = new WorkspaceSymbolsHandler(_workspace.Workspace);
        var symbols = Answer(token => handler.Handle(new WorkspaceSymbolParams("Meter"), token));
        var meter = Assert.Single(symbols, s => s.Name == "Meter");
        Assert.Equal(_workspace.UriOf("lib.stream"), meter.Location.Uri);
        var other = Assert.Single(Answer(token => handler.Handle(new WorkspaceSymbolParams("Other"), token)), s => s.Name == "Other");
        Assert.Equal(_workspace.UriOf("d/other.stream"), other.Location.Uri);
    }

    [Fact]
    public void Workspace_symbols_and_references_answer_with_two_link_cycles()
    {
        _workspace.WriteFile("lib.stream", Samples.Library);
        _workspace.WriteFile("d/job.stream", Samples.JobUsingLibrary.Replace("models/meters.stream", "../lib.stream", StringComparison.Ordinal));
        LinkUp();
        LinkSelf();

        var symbols = Answer(token => new WorkspaceSymbolsHandler(_workspace.Workspace).Handle(new WorkspaceSymbolParams("Meter"), token));
        Assert.Single(symbols, s => s.Name == "Meter");

        var (uri, cursor) = _workspace.Open("lib.stream", Samples.WithCursor(Samples.Library, "Meter {"));
        var references = Answer(token => new ReferencesHandler(_workspace.Workspace).Handle(new ReferenceParams(new TextDocumentIdentifier(uri), cursor, new ReferenceContext(true)), token));
        var jobUri = _workspace.UriOf("d/job.stream");
        // The declaration and the job's use, each once: not again through d/up or self.
        Assert.Equal(new[] { uri, jobUri }.Order(StringComparer.Ordinal), references.Select(r => r.Uri).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_linked_library_folder_is_searched_once_under_its_first_name()
    {
        var shared = Directory.CreateTempSubdirectory("dsl-lsp-shared-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(shared, "shared.stream"), "model Shared {\n  ai P\n}\n");
            Directory.CreateSymbolicLink(Path.Combine(_workspace.Root, "a"), shared);
            Directory.CreateSymbolicLink(Path.Combine(_workspace.Root, "b"), shared);
            var symbols = Answer(token => new WorkspaceSymbolsHandler(_workspace.Workspace).Handle(new WorkspaceSymbolParams("Shared"), token));
            var found = Assert.Single(symbols, s => s.Name == "Shared");
            Assert.Equal(_workspace.UriOf("a/shared.stream"), found.Location.Uri);
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
        }
    }

    /// <summary>
    /// The library open under its own path (models/meters.stream), the job open too, importing it
    /// through a link to its folder (lnk -&gt; models): one file under two paths.
    /// </summary>
    private (string LibraryUri, Position OnReading, string JobUri) OpenLibraryImportedThroughALink()
    {
        _workspace.WriteFile("models/meters.stream", Samples.Library);
        Directory.CreateSymbolicLink(Path.Combine(_workspace.Root, "lnk"), "models");
        var (jobUri, _) = _workspace.Open("main.stream", Samples.JobUsingLibrary.Replace("models/meters.stream", "lnk/meters.stream", StringComparison.Ordinal));
        var (libraryUri, onReading) = _workspace.Open("models/meters.stream", Samples.WithCursor(Samples.Library, "Reading"));
        return (libraryUri, onReading, jobUri);
    }

    [Fact]
    public void A_library_open_under_its_own_path_finds_the_references_of_a_job_that_imports_it_through_a_link()
    {
        var (libraryUri, onReading, jobUri) = OpenLibraryImportedThroughALink();
        var references = Answer(token => new ReferencesHandler(_workspace.Workspace).Handle(new ReferenceParams(new TextDocumentIdentifier(libraryUri), onReading, new ReferenceContext(true)), token));
        // The declaration once (not again under lnk/) and the job's energy source.
        Assert.Equal(new[] { jobUri, libraryUri }.Order(StringComparer.Ordinal), references.Select(r => r.Uri).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_rename_in_a_library_imported_through_a_link_edits_the_job_and_the_open_library_once()
    {
        var (libraryUri, onReading, jobUri) = OpenLibraryImportedThroughALink();
        foreach (var (uri, position) in new[] { (libraryUri, onReading), (jobUri, _workspace.Open("main.stream", Samples.WithCursor(Samples.JobUsingLibrary.Replace("models/meters.stream", "lnk/meters.stream", StringComparison.Ordinal), "Reading by")).Cursor) })
        {
            var edit = Answer(token => new RenameHandler(_workspace.Workspace).Handle(new RenameParams(new TextDocumentIdentifier(uri), position, "Register"), token));
            // The library is edited as the editor has it open, not as a second file under lnk/.
            Assert.Equal(new[] { jobUri, libraryUri }.Order(StringComparer.Ordinal), edit.Changes.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("Reading", _workspace.TextAt(libraryUri, Assert.Single(edit.Changes[libraryUri]).Range));
            Assert.Equal("Reading", _workspace.TextAt(jobUri, Assert.Single(edit.Changes[jobUri]).Range));
        }
    }

    [Fact]
    public void A_job_importing_an_open_library_through_a_link_sees_its_unsaved_edits()
    {
        var (libraryUri, _, jobUri) = OpenLibraryImportedThroughALink();
        _workspace.Workspace.Documents.Open(libraryUri, 2, Samples.Library.Replace("pi Reading kWh", "pi Register kWh", StringComparison.Ordinal));
        var job = _workspace.Workspace.Documents.Get(jobUri)!;
        var unknown = Assert.Single(_workspace.Workspace.GetCompilation(job).GetDiagnostics());
        Assert.Equal("DSL2003", unknown.Code);
        // Still under the path it is imported by, as dsl check reads it.
        Assert.Equal(Path.Combine(_workspace.Root, "lnk", "meters.stream"), Assert.Single(_workspace.Workspace.GetCompilation(job).ImportedTrees).Source.Path);
    }
}
