using Dsl.Compiler.Text;

namespace Dsl.LanguageServer.Documents;

/// <summary>An immutable snapshot of an open document: handlers work on one snapshot from start to end.</summary>
public sealed class TextDocument
{
    /// <param name="path">The path the compiler sees; by default the path of a file URI (see <see cref="DocumentUri.ToPath(string, string)"/> for others).</param>
    public TextDocument(string uri, int version, string text, string? path = null)
    {
        Uri = uri;
        Version = version;
        Path = path ?? DocumentUri.ToPath(uri);
        Source = SourceText.From(text, Path);
    }

    public string Uri { get; }

    public int Version { get; }

    /// <summary>The file path the compiler sees (imports resolve relative to it).</summary>
    public string Path { get; }

    public SourceText Source { get; }

    public string Text => Source.Text;
}
