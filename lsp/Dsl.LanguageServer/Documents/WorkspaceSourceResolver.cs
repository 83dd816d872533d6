using Dsl.Compiler;
using Dsl.Compiler.Text;

namespace Dsl.LanguageServer.Documents;

/// <summary>Resolves imports from the open documents first (unsaved edits count), then from disk.</summary>
public sealed class WorkspaceSourceResolver(DocumentStore documents) : ISourceResolver
{
    private readonly DocumentStore _documents = documents;

    /// <summary>
    /// The text of an open document or of a file on disk; null when there is neither. A file that
    /// is there but cannot be read throws, as for <see cref="FileSystemSourceResolver"/>: the
    /// compiler reports it as such (DSL2022), not as missing.
    /// </summary>
    public SourceText? Resolve(string fullPath)
    {
        // An open document reached through a link keeps the path it is imported by, as for dsl check:
        // its own imports resolve relative to that.
        if (_documents.GetByPath(fullPath) is { } open)
            return DocumentUri.PathComparer.Equals(open.Path, fullPath) ? open.Source : SourceText.From(open.Text, fullPath);
        return File.Exists(fullPath) ? SourceText.Load(fullPath) : null;
    }

    /// <summary><see cref="Resolve"/> for the server's own look-ups (symbols, attribute names): an unreadable file is skipped.</summary>
    public SourceText? TryResolve(string fullPath)
    {
        try
        {
            return Resolve(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // An open document is a file; a directory can only be on disk.
    public bool IsDirectory(string fullPath) => Directory.Exists(fullPath);
}
