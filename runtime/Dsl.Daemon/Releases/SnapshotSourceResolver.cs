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
    /// <remarks>The files have no empty folders: a path is a folder when one of the files is under it.</remarks>
    public bool IsDirectory(string fullPath)
    {
        string folder = Relative(fullPath).TrimEnd('/') + "/";
        return _files.Keys.Any(file => file.StartsWith(folder, StringComparison.Ordinal));
    }

    private string Relative(string fullPath) => Path.GetRelativePath(_root, Path.GetFullPath(fullPath)).Replace('\\', '/');
}
