using Dsl.Compiler;
using Dsl.Compiler.Text;

namespace Dsl.Daemon.Releases;

/// <summary>
/// Resolves imports from the files of one commit (or a preview's inline files), mounted under a
/// virtual root, so a job never reads the host's file system.
/// </summary>
public sealed class SnapshotSourceResolver : ISourceResolver
{
    private readonly string _root;
    private readonly IReadOnlyDictionary<string, string> _files;

    /// <summary>Serves <paramref name="files"/> (relative paths) as if they were under <paramref name="root"/>.</summary>
    public SnapshotSourceResolver(string root, IReadOnlyDictionary<string, string> files)
    {
        _root = Path.GetFullPath(root);
        _files = files;
    }

    /// <summary>The full path a relative file has under the root.</summary>
    public string FullPath(string relative) => Path.GetFullPath(Path.Combine(_root, relative));

    /// <inheritdoc />
    public SourceText? Resolve(string fullPath) =>
        _files.TryGetValue(Relative(fullPath), out string? text) ? SourceText.From(text, Path.GetFullPath(fullPath)) : null;

    /// <inheritdoc />
    public bool IsDirectory(string fullPath)
    {
        string relative = Relative(fullPath);
        return !relative.StartsWith("../", StringComparison.Ordinal) && relative != ".." && ISourceResolver.IsFolderOf(_files.Keys, relative);
    }

    private string Relative(string fullPath) => Path.GetRelativePath(_root, Path.GetFullPath(fullPath)).Replace('\\', '/');
}
