using System.Collections.Concurrent;
using Dsl.Compiler;
using Dsl.Compiler.Text;
using Dsl.LanguageServer.Documents;

namespace Dsl.LanguageServer.Analysis;

/// <summary>
/// Resolves through the workspace and notes every path a compilation looks at, found or not:
/// its result holds while none of those changes (a missing import counts, as creating it changes
/// the result).
/// </summary>
internal sealed class RecordingResolver(ISourceResolver inner) : ISourceResolver
{
    private readonly ISourceResolver _inner = inner;
    private readonly ConcurrentDictionary<string, byte> _paths = new(DocumentUri.PathComparer);

    public IEnumerable<string> Paths => _paths.Keys;

    public SourceText? Resolve(string fullPath)
    {
        _paths.TryAdd(fullPath, 0);
        return _inner.Resolve(fullPath);
    }

    public bool IsDirectory(string fullPath)
    {
        _paths.TryAdd(fullPath, 0);
        return _inner.IsDirectory(fullPath);
    }
}
