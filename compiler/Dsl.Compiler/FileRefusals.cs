using System.Text.RegularExpressions;

namespace Dsl.Compiler;

/// <summary>
/// Why the system refused to read or write a file, in a phrase to put after a line that already
/// names the file as the user wrote it: .NET's messages repeat the path made absolute ("Access to
/// the path '/home/ann/jobs/x.stream' is denied."), and say that even of a permission.
/// </summary>
public static partial class FileRefusals
{
    /// <summary>The phrase for what reading or writing a file threw: "permission denied", else the system's words without the path.</summary>
    public static string Phrase(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is UnauthorizedAccessException
            ? "permission denied"
            : QuotedPath().Replace(exception.Message, "").TrimEnd('.');
    }

    // The path .NET puts in its message: inside it ("the file '/x' because") or after the system's own words ("Read-only file system : '/x'").
    [GeneratedRegex(@"(\s*:)?\s*'[^']*'")]
    private static partial Regex QuotedPath();
}
