using System.Runtime.InteropServices;

namespace Dsl.Daemon.Jobs;

/// <summary>Makes file creations, renames and deletions in a directory durable (fsync of the directory).</summary>
internal static partial class DirectorySync
{
    private const int ReadOnlyDirectory = 0x10000;

    public static void Sync(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        int fd = Open(path, ReadOnlyDirectory);
        if (fd < 0)
        {
            throw new IOException($"Cannot open the directory {path} to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
