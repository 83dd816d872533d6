using System.Text.RegularExpressions;
using Dsl.Runtime.Hosting;

namespace Dsl.Compiler;

/// <summary>
/// Why the system refused to read or write a file, in a phrase to put after a line that already
/// names the file as the user wrote it: .NET's messages repeat the path made absolute ("Access to
/// the path '/home/ann/jobs/x.stream' is denied."), and say that even of a permission.
/// </summary>
public static partial class FileRefusals
{
    /// <summary>
    /// The phrase for what reading or writing a file threw: ours for the system's refusals
    /// ("permission denied", "no space left on the device", "the file system is read-only"), else
    /// the system's words without the path.
    /// </summary>
    public static string Phrase(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return FileSystemRefusal.KindOf(exception) switch
        {
            FileSystemRefusalKind.PermissionDenied => "permission denied",
            FileSystemRefusalKind.NoSpace => "no space left on the device",
            FileSystemRefusalKind.ReadOnly => "the file system is read-only",
            _ => QuotedPath().Replace(exception.Message, "").TrimEnd('.'),
        };
    }

    /// <summary>
    /// What a refused read or write threw, where nothing else names the file: "FILE: REASON", as
    /// Unix tools say it, the file relative to the working folder when it is under it; the reason
    /// alone when .NET named no file.
    /// </summary>
    public static string Described(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Match quoted = QuotedPath().Match(exception.Message);
        if (!quoted.Success)
            return Phrase(exception);
        string path = quoted.Groups["path"].Value;
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        string shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
        return $"{shown}: {Phrase(exception)}";
    }

    // The path .NET puts in its message: inside it ("the file '/x' because") or after the system's own words ("Read-only file system : '/x'").
    [GeneratedRegex(@"(\s*:)?\s*'(?<path>[^']*)'")]
    private static partial Regex QuotedPath();
}
