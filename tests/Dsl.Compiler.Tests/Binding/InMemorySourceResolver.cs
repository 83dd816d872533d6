using Dsl.Compiler.Text;

namespace Dsl.Compiler.Tests.Binding;

/// <summary>Imported files from a dictionary of full path → text, as an editor's open documents would be.</summary>
internal sealed class InMemorySourceResolver(IReadOnlyDictionary<string, string> files) : ISourceResolver
{
    private readonly Dictionary<string, SourceText> _loaded = [];

    public SourceText? Resolve(string fullPath)
    {
        if (_loaded.TryGetValue(fullPath, out var loaded))
            return loaded;
        if (!files.TryGetValue(fullPath, out var text))
            return null;
        var source = SourceText.From(text, fullPath);
        _loaded[fullPath] = source;
        return source;
    }
}
