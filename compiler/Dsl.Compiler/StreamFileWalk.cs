namespace Dsl.Compiler;

/// <summary>
/// The one walk of folders for .stream files, by the command line and the language server. Directory and file links are
/// followed (a folder may link in a shared library), but every real directory is entered once
/// and every real file is listed once, by the path it was first reached by (breadth first, so
/// the shortest), however many links lead to it: a link back up the tree (<c>up -&gt; ..</c>)
/// or to the folder itself ends the walk instead of repeating it forever. The folders <c>.git</c>,
/// <c>node_modules</c> and the build outputs <c>bin</c> and <c>obj</c>, and folders that cannot be
/// read, are skipped; hidden files and folders are not (a draft in <c>.drafts/</c> is still
/// checked). A folder that cannot be read is told to the caller that asks (the command line says
/// so; the language server's index does without it).
/// </summary>
public static class StreamFileWalk
{
    private const string Pattern = "*.stream";
    private const int MaxLinkDepth = 40;

    /// <summary>How paths compare on this system: without case where the file system ignores it.</summary>
    public static StringComparer PathComparer { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = false,
        // A folder that cannot be opened throws, so that it is told rather than taken for an empty one.
        IgnoreInaccessible = false,
        AttributesToSkip = FileAttributes.System,
        ReturnSpecialDirectories = false,
    };

    /// <summary>
    /// The .stream files under the roots, each real file once. <paramref name="realFilesSeen"/>
    /// holds the real paths already listed (the open documents, say) and receives the new ones.
    /// <paramref name="unreadableFolder"/>, when given, is told each folder that could not be
    /// listed (its full path as walked, and what listing it threw), which is then skipped.
    /// </summary>
    public static IEnumerable<string> Enumerate(IEnumerable<string> roots, ISet<string> realFilesSeen, CancellationToken cancellationToken, Action<string, Exception>? unreadableFolder = null)
    {
        var entered = new HashSet<string>(PathComparer);
        foreach (var root in roots)
        {
            if (RealPath(root) is not { } realRoot)
                continue;
            var pending = new Queue<(string Path, string Real)>([(Path.GetFullPath(root), realRoot)]);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (directory, real) = pending.Dequeue();
                if (!entered.Add(real))
                    continue;
                var (files, subdirectories) = List(directory, unreadableFolder);
                foreach (var file in files)
                {
                    if (RealChild(real, file) is { } realFile && realFilesSeen.Add(realFile))
                        yield return file;
                }
                foreach (var subdirectory in subdirectories)
                {
                    if (Path.GetFileName(subdirectory) is ".git" or "node_modules" or "bin" or "obj")
                        continue;
                    if (RealChild(real, subdirectory) is { } realSubdirectory && !entered.Contains(realSubdirectory))
                        pending.Enqueue((subdirectory, realSubdirectory));
                }
            }
        }
    }

    /// <summary>The path with every link resolved, or null when it cannot be (a dangling link, a link loop).</summary>
    public static string? RealPath(string path)
    {
        try
        {
            return Resolve(Path.GetFullPath(path), 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static (string[] Files, string[] Directories) List(string directory, Action<string, Exception>? unreadable)
    {
        try
        {
            return (
                Directory.EnumerateFiles(directory, Pattern, Options).Order(StringComparer.Ordinal).ToArray(),
                Directory.EnumerateDirectories(directory, "*", Options).Order(StringComparer.Ordinal).ToArray());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            unreadable?.Invoke(directory, ex);
            return ([], []);
        }
    }

    /// <summary>The real path of an entry of a directory whose real path is known: only a link needs resolving.</summary>
    private static string? RealChild(string realParent, string entry)
    {
        try
        {
            var name = Path.GetFileName(entry);
            var info = new FileInfo(entry);
            return info.LinkTarget is { } target
                ? Resolve(Path.GetFullPath(target, realParent), 1)
                : Path.Combine(realParent, name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Resolves a full path component by component; the target of a link is resolved in turn.</summary>
    private static string? Resolve(string fullPath, int depth)
    {
        if (depth > MaxLinkDepth)
            return null;
        var root = Path.GetPathRoot(fullPath) ?? "";
        var current = root;
        foreach (var part in fullPath[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (Resolve(Path.GetFullPath(target, current), depth + 1) is not { } resolved)
                    return null;
                next = resolved;
            }
            current = next;
        }
        return current;
    }
}
