namespace Dsl.Runtime.Hosting;

/// <summary>What the system refused about a file, as opposed to what is wrong with its content.</summary>
public enum FileSystemRefusalKind
{
    None,
    PermissionDenied,
    NoSpace,
    ReadOnly,
}

/// <summary>
/// Tells the system's refusals (no permission, a full disk, a read-only file system) from other
/// failures. They matter apart: a checkpoint that cannot be read for want of permission is not
/// damaged, and calling it so would have intact state deleted; and each has words of its own
/// for the user, where .NET's repeat the path made absolute.
/// </summary>
public static class FileSystemRefusal
{
    // Unix errno values (the same on Linux and macOS); .NET gives them as the HResult of the
    // IOException it throws for an errno it has no exception type for.
    private const int UnixPermission = 1; // EPERM
    private const int UnixAccess = 13; // EACCES
    private const int UnixNoSpace = 28; // ENOSPC
    private const int UnixReadOnly = 30; // EROFS

    // Windows error codes, the low 16 bits of the HResult.
    private const int WindowsAccessDenied = 5;
    private const int WindowsWriteProtect = 19;
    private const int WindowsHandleDiskFull = 39;
    private const int WindowsDiskFull = 112;

    /// <summary>
    /// The exception .NET throws on Unix for a write the disk has no room for, for a failure that a
    /// library did not pass on (FASTER's checkpoint metadata read back cut short), so that it is
    /// said in the words a full disk gets everywhere.
    /// </summary>
    public static IOException NoSpaceOn(string path) => new($"No space left on device : '{path}'", UnixNoSpace);

    /// <summary>The refusal <paramref name="exception"/> itself stands for, without looking at its inner exceptions.</summary>
    public static FileSystemRefusalKind KindOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is UnauthorizedAccessException)
        {
            return FileSystemRefusalKind.PermissionDenied;
        }

        if (exception is not IOException)
        {
            return FileSystemRefusalKind.None;
        }

        return OperatingSystem.IsWindows()
            ? (exception.HResult & 0xFFFF) switch
            {
                WindowsAccessDenied => FileSystemRefusalKind.PermissionDenied,
                WindowsWriteProtect => FileSystemRefusalKind.ReadOnly,
                WindowsHandleDiskFull or WindowsDiskFull => FileSystemRefusalKind.NoSpace,
                _ => FileSystemRefusalKind.None,
            }
            : exception.HResult switch
            {
                UnixPermission or UnixAccess => FileSystemRefusalKind.PermissionDenied,
                UnixReadOnly => FileSystemRefusalKind.ReadOnly,
                UnixNoSpace => FileSystemRefusalKind.NoSpace,
                _ => FileSystemRefusalKind.None,
            };
    }

    /// <summary>
    /// The outermost refusal in <paramref name="exception"/> and the exceptions it wraps (a library
    /// such as FASTER may wrap the system's), or null: the outermost, as it names the file
    /// (<c>Access to the path '…' is denied.</c>) where its inner one has the errno's words alone.
    /// </summary>
    public static Exception? Find(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (KindOf(exception) != FileSystemRefusalKind.None)
        {
            return exception;
        }

        IEnumerable<Exception> inner = exception is AggregateException aggregate
            ? aggregate.InnerExceptions
            : exception.InnerException is { } one ? [one] : [];
        return inner.Select(Find).FirstOrDefault(found => found is not null);
    }
}
