using Dsl.Compiler;
using Dsl.Compiler.Text;

namespace Dsl.LanguageServer.Documents;

/// <summary>Resolves imports from the open documents first (unsaved edits count), then from disk.</summary>
public sealed class WorkspaceSourceResolver(DocumentStore documents) : ISourceResolver
{
    private readonly DocumentStore _documents = documents;

    public SourceText? Resolve(string fullPath)
    {
        if (_documents.GetByPath(fullPath) is { } open)
            return open.Source;
        try
        {
            return File.Exists(fullPath) ? SourceText.Load(fullPath) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable import is reported by the compiler as a missing file.
            return null;
        }
    }

    // An open document is a file; a directory can only be on disk.
    public bool IsDirectory(string fullPath) => Directory.Exists(fullPath);
}
