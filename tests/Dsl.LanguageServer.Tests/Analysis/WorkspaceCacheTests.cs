using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Handlers.Completion;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Analysis;

public sealed class WorkspaceCacheTests
{
    private const string Uri = "file:///tmp/dsl-lsp-cache/main.stream";

    /// <summary>
    /// A request that arrived before a didClose is answered for the document as it was, after the
    /// close forgot the document's analyses: what it analyses then must not stay cached, where
    /// nothing would ever remove it (each closed file's compilation would be held for the session).
    /// </summary>
    [Fact]
    public async Task A_request_answered_for_a_document_closed_meanwhile_leaves_nothing_cached()
    {
        var workspace = new Workspace();
        workspace.Documents.Open(Uri, 1, Samples.Job);
        var atArrival = workspace.Documents.Snapshot();

        // The read loop handles the didClose before the request runs.
        workspace.Documents.Close(Uri);
        workspace.Forget(Uri);

        await Task.Run(() =>
        {
            workspace.Documents.UseSnapshot(atArrival);
            var document = workspace.GetDocument(Uri);
            Assert.NotNull(workspace.GetCompilation(document));
        });

        Assert.False(workspace.IsCached(Uri));
    }

    [Fact]
    public void An_open_document_keeps_its_analysis_cached()
    {
        var workspace = new Workspace();
        var document = workspace.Documents.Open(Uri, 1, Samples.Job);

        var compilation = workspace.GetCompilation(document);

        Assert.True(workspace.IsCached(Uri));
        Assert.Same(compilation, workspace.GetCompilation(document));
    }

    /// <summary>A bound compilation of the document at <paramref name="uri"/>, as a completion or the diagnostics leave it.</summary>
    private static Dsl.Compiler.Compilation Bound(Workspace workspace, string uri)
    {
        var compilation = workspace.GetCompilation(workspace.GetDocument(uri));
        _ = compilation.GetDiagnostics();
        return compilation;
    }

    [Fact]
    public void A_second_completion_on_an_unchanged_document_does_not_compile_it_again()
    {
        using var test = new TestWorkspace();
        var (uri, cursor) = test.Open("main.stream", Samples.WithCursor(Samples.Job, "ReactivePower ^ 2)"));
        var (other, _) = test.Open("other.stream", "model Other {\n  ai P kW\n}\n");
        var completion = new CompletionHandler(test.Workspace);
        completion.Handle(new CompletionParams(new TextDocumentIdentifier(uri), cursor), CancellationToken.None);
        var compiled = test.Workspace.GetCompilation(test.Workspace.GetDocument(uri));

        // An edit to a file it does not import, and saving it (the watcher reports its file changed).
        test.Workspace.Documents.Change(other, 2, [new TextDocumentContentChangeEvent("model Other {\n  ai Q kW\n}\n", null)]);
        Assert.False(test.Workspace.Documents.FilesChanged([DocumentUri.ToPath(uri)]));
        completion.Handle(new CompletionParams(new TextDocumentIdentifier(uri), cursor), CancellationToken.None);

        Assert.Same(compiled, test.Workspace.GetCompilation(test.Workspace.GetDocument(uri)));
    }

    [Fact]
    public void An_edit_to_an_open_import_compiles_the_importer_again()
    {
        using var test = new TestWorkspace();
        var (library, _) = test.Open("models/meters.stream", Samples.Library);
        var (job, _) = test.Open("job.stream", Samples.JobUsingLibrary);
        var before = Bound(test.Workspace, job);
        Assert.Empty(before.GetDiagnostics());

        test.Workspace.Documents.Change(library, 2, [new TextDocumentContentChangeEvent(Samples.Library.Replace("pi Reading kWh", "pi Counter kWh", StringComparison.Ordinal), null)]);

        var after = Bound(test.Workspace, job);
        Assert.NotSame(before, after);
        Assert.Contains(after.GetDiagnostics(), d => d.Code == "DSL2003");
    }

    [Theory]
    [InlineData("models/meters.stream")]
    [InlineData("models")]
    public void A_change_on_disk_to_an_import_or_its_folder_compiles_the_importer_again_and_one_to_another_file_does_not(string changed)
    {
        using var test = new TestWorkspace();
        test.WriteFile("models/meters.stream", Samples.Library);
        var (job, _) = test.Open("job.stream", Samples.JobUsingLibrary);
        var before = Bound(test.Workspace, job);

        Assert.True(test.Workspace.Documents.FilesChanged([Path.Combine(test.Root, "models2", "meters.stream")]));
        Assert.Same(before, Bound(test.Workspace, job));

        Assert.True(test.Workspace.Documents.FilesChanged([Path.Combine(test.Root, changed)]));
        Assert.NotSame(before, Bound(test.Workspace, job));
    }

    [Fact]
    public void Opening_an_import_that_was_missing_compiles_the_importer_again()
    {
        using var test = new TestWorkspace();
        var (job, _) = test.Open("job.stream", Samples.JobUsingLibrary);
        Assert.Contains(Bound(test.Workspace, job).GetDiagnostics(), d => d.Code == "DSL2012");

        test.Open("models/meters.stream", Samples.Library);

        Assert.Empty(Bound(test.Workspace, job).GetDiagnostics());
    }

    /// <summary>The labels completion offers in the expression of the sample's merge, after the text is changed to <paramref name="text"/> (if given).</summary>
    private static string[] CompleteInMerge(TestWorkspace test, string uri, int version, string? text = null)
    {
        if (text is not null)
            test.Workspace.Documents.Change(uri, version, [new TextDocumentContentChangeEvent(text, null)]);
        var source = test.Workspace.GetDocument(uri).Source;
        var cursor = TextPositions.ToPosition(source, source.Text.IndexOf("ReactivePower ^ 2)", StringComparison.Ordinal));
        return [.. new CompletionHandler(test.Workspace).Handle(new CompletionParams(new TextDocumentIdentifier(uri), cursor), CancellationToken.None).Items.Select(i => i.Label)];
    }

    [Fact]
    public void A_completion_after_an_edit_in_a_rule_does_not_bind_the_job_again()
    {
        using var test = new TestWorkspace();
        var (uri, _) = test.Open("main.stream", Samples.Job);
        CompleteInMerge(test, uri, 1);
        var first = test.Workspace.GetDocument(uri);
        var compiled = test.Workspace.GetCompilation(first);

        var labels = CompleteInMerge(test, uri, 2, Samples.Job.Replace("RatedPower * 1.2", "RatedPower * 1.25", StringComparison.Ordinal));

        Assert.Contains("ReactivePower", labels);
        // The compilation of the first text is still the one kept: the completion compiled no other.
        Assert.Same(compiled, test.Workspace.GetCompilation(first));
    }

    [Fact]
    public void A_completion_after_an_edit_to_a_model_or_an_import_sees_the_change()
    {
        using var test = new TestWorkspace();
        var (library, _) = test.Open("models/meters.stream", Samples.Library);
        var job = Samples.Job.Replace("job turbine_kpis \"Ten-minute turbine statistics\"\n", "job turbine_kpis\nimport \"models/meters.stream\"\n", StringComparison.Ordinal);
        var (uri, _) = test.Open("main.stream", job);
        Assert.DoesNotContain("Pitch", CompleteInMerge(test, uri, 1));

        var withPitch = job.Replace("  ai ReactivePower kvar\n", "  ai ReactivePower kvar\n  ai Pitch deg\n", StringComparison.Ordinal);
        Assert.Contains("Pitch", CompleteInMerge(test, uri, 2, withPitch));

        // The library's model renamed, then an edit in a rule: the job's own models are as they were.
        test.Workspace.Documents.Change(library, 2, [new TextDocumentContentChangeEvent(Samples.Library.Replace("model Meter", "model Gauge", StringComparison.Ordinal), null)]);
        test.Workspace.Documents.Change(uri, 3, [new TextDocumentContentChangeEvent(withPitch.Replace("RatedPower * 1.2", "RatedPower * 1.25", StringComparison.Ordinal), null)]);
        var source = test.Workspace.GetDocument(uri).Source;
        var modelAt = TextPositions.ToPosition(source, source.Text.IndexOf("WindTurbine on", StringComparison.Ordinal));
        var models = new CompletionHandler(test.Workspace).Handle(new CompletionParams(new TextDocumentIdentifier(uri), modelAt), CancellationToken.None).Items.Select(i => i.Label);
        Assert.Contains("Gauge", models);
        Assert.DoesNotContain("Meter", models);
    }
}
