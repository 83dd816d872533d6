namespace Dsl.LanguageServer.Documents;

/// <summary>
/// Maps between document URIs and file paths. The compiler resolves imports by path, the
/// client speaks URIs; a URI that is not a file (an unsaved "untitled:" buffer) keeps its
/// URI text as its path so it still compiles.
/// </summary>
public static class DocumentUri
{
    public static string ToPath(string uri)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile)
            return Path.GetFullPath(parsed.LocalPath);
        return uri;
    }

    public static string FromPath(string path)
    {
        if (Path.IsPathRooted(path) && Uri.TryCreate(path, UriKind.Absolute, out var parsed) && parsed.IsFile)
            return parsed.AbsoluteUri;
        return path;
    }

    /// <summary>Paths compare case-sensitively except on Windows and macOS, whose file systems usually do not.</summary>
    public static StringComparer PathComparer { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
}
