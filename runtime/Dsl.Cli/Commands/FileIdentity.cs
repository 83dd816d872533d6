using System.Runtime.InteropServices;

namespace Dsl.Cli.Commands;

/// <summary>
/// Which file a path opens, as the kernel knows it: two paths name the same file when they share a
/// device and an inode, which is the only way to see a hard link and the surest way to see through
/// symbolic links. .NET has no managed call for it, so on Linux this asks libc's <c>stat</c>; its
/// first two fields are the device and the inode on every Linux architecture. Elsewhere, or where
/// <c>stat</c> is not exported (glibc before 2.33), the answer is null and callers compare paths.
/// </summary>
internal static class FileIdentity
{
    // Larger than struct stat on any Linux architecture (144 bytes on x64, 128 on arm64).
    private const int StatSize = 256;

    /// <summary>"device:inode" of the file the path opens (through symbolic links), or null when it does not exist or cannot be told.</summary>
    public static string? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var buffer = new byte[StatSize];
        try
        {
            if (Stat(path, buffer) != 0)
                return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }

        return $"{BitConverter.ToUInt64(buffer, 0)}:{BitConverter.ToUInt64(buffer, 8)}";
    }

    // DllImport rather than LibraryImport, whose generated code needs unsafe blocks; strings
    // marshal as UTF-8 on Unix.
    [DllImport("libc", EntryPoint = "stat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Stat(string path, [Out] byte[] buffer);
}
