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
                files.AddRange(Directory.EnumerateFiles(path, "*" + Extension, SearchOption.AllDirectories)
                    .Where(f => !IsIgnoredFolder(f))
                    .Order(StringComparer.Ordinal));
            else
                return (files, path);
        }
        return (files.Distinct().ToArray(), null);
    }

    private static bool IsIgnoredFolder(string file) =>
        file.Split(Path.DirectorySeparatorChar).Any(part => part is "node_modules" or "bin" or "obj" or ".git");
}
