using Dsl.Compiler;

namespace Dsl.Cli.Commands;

/// <summary>Expands the paths a user names (files or folders, recursively) into .stream files.</summary>
public static class SourceFiles
{
    public const string Extension = ".stream";

    /// <summary>The files in a stable order, or the first path that does not exist.</summary>
    public static (IReadOnlyList<string> Files, string? Missing) Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
                files.Add(path);
            else if (Directory.Exists(path))
                files.AddRange(InFolder(path));
            else
                return (files, path);
        }
        return (files.Distinct().ToArray(), null);
    }

    /// <summary>
    /// The .stream files under a folder, each real file once however many links lead to it (see
    /// <see cref="StreamFileWalk"/>), named from the folder as the user wrote it.
    /// </summary>
    private static IEnumerable<string> InFolder(string folder)
    {
        var root = Path.GetFullPath(folder);
        return StreamFileWalk.Enumerate([folder], new HashSet<string>(StreamFileWalk.PathComparer), CancellationToken.None)
            .Select(file => Path.Join(folder, Path.GetRelativePath(root, file)))
            .Order(StringComparer.Ordinal);
    }
}
