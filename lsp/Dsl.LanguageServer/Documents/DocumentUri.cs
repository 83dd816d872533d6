using Dsl.Compiler;
namespace Dsl.LanguageServer.Documents;

/// <summary>
/// Maps between document URIs and file paths. The compiler resolves imports by path, the
/// client speaks URIs.
/// </summary>
public static class DocumentUri
{
    /// <summary>The file path of a file URI; any other URI is returned as it is.</summary>
    public static string ToPath(string uri)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile)
            return Path.GetFullPath(parsed.LocalPath);
        return uri;
    }

    /// <summary>
    /// The path a document is compiled under. A URI that is not a file (an unsaved "untitled:"
    /// buffer) has no place on disk: it gets a name of its own in <paramref name="untitledDirectory"/>
    /// (the first workspace folder, else the working directory), so its imports resolve
    /// relative to that folder, as if the buffer were saved there, and every file it reaches has
    /// a full path, hence a file URI.
    /// </summary>
    public static string ToPath(string uri, string untitledDirectory)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile)
            return Path.GetFullPath(parsed.LocalPath);
        return Path.Combine(Path.GetFullPath(untitledDirectory), UntitledName(uri));
    }

    /// <summary>A file name for a URI that is not a file: its text, with what no file name may hold as '_'.</summary>
    public static string UntitledName(string uri)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var name = uri.Select(c => c is ':' or '/' or '\\' || invalid.Contains(c) ? '_' : c).ToArray();
        return name.Length == 0 ? "untitled" : new string(name);
    }

    public static string FromPath(string path)
    {
        if (Path.IsPathRooted(path) && Uri.TryCreate(path, UriKind.Absolute, out var parsed) && parsed.IsFile)
            return parsed.AbsoluteUri;
        return path;
    }

    /// <summary>The file a full path names, with every link on the way resolved; null for a path that is not a full one or cannot be resolved.</summary>
    public static string? RealPath(string path) => Path.IsPathRooted(path) ? StreamFileWalk.RealPath(path) : null;

    /// <summary>Whether two full paths name the same file, also when a link leads to it.</summary>
    public static bool SameFile(string a, string b) =>
        PathComparer.Equals(a, b) || (RealPath(a) is { } real && PathComparer.Equals(real, RealPath(b)));

    /// <summary>Paths compare case-sensitively except on Windows and macOS, whose file systems usually do not.</summary>
    public static StringComparer PathComparer => StreamFileWalk.PathComparer;
}
