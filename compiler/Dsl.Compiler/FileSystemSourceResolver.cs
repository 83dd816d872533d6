using Dsl.Compiler.Text;

namespace Dsl.Compiler;

/// <summary>Resolves imports from disk.</summary>
public sealed class FileSystemSourceResolver : ISourceResolver
{
    public static FileSystemSourceResolver Instance { get; } = new();

    public SourceText? Resolve(string fullPath) => File.Exists(fullPath) ? SourceText.Load(fullPath) : null;

    public bool IsDirectory(string fullPath) => Directory.Exists(fullPath);
}
