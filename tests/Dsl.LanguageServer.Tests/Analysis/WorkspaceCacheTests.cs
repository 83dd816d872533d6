using Dsl.LanguageServer.Analysis;
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
}
