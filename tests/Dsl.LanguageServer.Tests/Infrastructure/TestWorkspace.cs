using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Tests.Infrastructure;

/// <summary>
/// A workspace over a fresh temporary folder, for calling handlers in-process: open
/// documents (with a cursor marker), write files to disk for imports, and turn offsets into
/// LSP positions.
/// </summary>
public sealed class TestWorkspace : IDisposable
{
    public TestWorkspace()
    {
        Root = Directory.CreateTempSubdirectory("dsl-lsp-test-").FullName;
        Workspace = new Workspace();
        Workspace.AddRoot(Root);
    }

    public string Root { get; }

    public Workspace Workspace { get; }

    public string UriOf(string relativePath) => DocumentUri.FromPath(Path.Combine(Root, relativePath));

    /// <summary>Opens a document; returns its URI and the LSP position of the cursor marker (if any).</summary>
    public (string Uri, Position Cursor) Open(string relativePath, string markedOrPlain) =>
        OpenUri(UriOf(relativePath), markedOrPlain);

    /// <summary>Opens a document under any URI (an unsaved "untitled:" buffer, say).</summary>
    public (string Uri, Position Cursor) OpenUri(string uri, string markedOrPlain)
    {
        var hasCursor = markedOrPlain.Replace("||", "", StringComparison.Ordinal).Contains('|');
        var marked = hasCursor ? MarkedSource.Parse(markedOrPlain) : new MarkedSource(markedOrPlain, 0);
        var document = Workspace.Documents.Open(uri, 1, marked.Text);
        return (uri, TextPositions.ToPosition(document.Source, marked.Cursor));
    }

    /// <summary>Writes a file to disk (not opened), e.g. a model library to import.</summary>
    public string WriteFile(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path) ?? Root);
        File.WriteAllText(path, text);
        return DocumentUri.FromPath(path);
    }

    public string TextOf(string uri) => Workspace.Documents.Get(uri)?.Text ?? File.ReadAllText(DocumentUri.ToPath(uri));

    /// <summary>The text a range covers in a document.</summary>
    public string TextAt(string uri, Dsl.LanguageServer.Protocol.Messages.Range range)
    {
        var source = Compiler.Text.SourceText.From(TextOf(uri));
        var span = TextPositions.ToSpan(source, range);
        return source.Text.Substring(span.Start, span.Length);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
