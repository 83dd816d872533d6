using System.Runtime.InteropServices;

namespace Dsl.Cli.Commands;

/// <summary>
/// What the kernel knows of the file a path opens (through symbolic links), without opening it.
/// Two paths name the same file when they share a device and an inode, which is the only way to see
/// a hard link and the surest way to see through symbolic links; and a named pipe must not be
/// opened just to check it, since opening blocks until a writer comes and closing it drops that
/// writer. .NET has no managed call for either, so on Linux this asks libc's <c>statx</c>, whose
/// buffer has one layout on every architecture (glibc 2.28 and later). Elsewhere, or where it is
/// not exported, the answers are null and false, and callers compare paths and open files.
/// </summary>
internal static class FileIdentity
{
    /// <summary>"major:minor:inode" (its device and inode) of the file the path opens, or null when it does not exist or cannot be told.</summary>
    public static string? Of(string path) =>
        Stat(path) is { } buffer
            ? $"{BitConverter.ToUInt32(buffer, DeviceMajorOffset)}:{BitConverter.ToUInt32(buffer, DeviceMinorOffset)}:{BitConverter.ToUInt64(buffer, InodeOffset)}"
            : null;

    /// <summary>Whether the path opens a pipe: a named one (mkfifo), or another command's output as /dev/stdin or /dev/fd/N.</summary>
    public static bool IsPipe(string path) =>
        Stat(path) is { } buffer && (BitConverter.ToUInt16(buffer, ModeOffset) & FileTypeMask) == PipeType;

    private static byte[]? Stat(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var buffer = new byte[StatxSize];
        try
        {
            return Statx(CurrentFolder, path, flags: 0, BasicStats, buffer) == 0 ? buffer : null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    // struct statx (linux/stat.h): stx_mode at 28, stx_ino at 32, stx_dev_major and _minor at 136 and 140.
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const int InodeOffset = 32;
    private const int DeviceMajorOffset = 136;
    private const int DeviceMinorOffset = 140;
    private const int CurrentFolder = -100; // AT_FDCWD: a relative path is taken from the working folder
    private const uint BasicStats = 0x7ff; // STATX_BASIC_STATS
    private const int FileTypeMask = 0xf000; // S_IFMT
    private const int PipeType = 0x1000; // S_IFIFO

    // DllImport rather than LibraryImport, whose generated code needs unsafe blocks; strings
    // marshal as UTF-8 on Unix.
    [DllImport("libc", EntryPoint = "statx", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Statx(int folder, string path, int flags, uint mask, [Out] byte[] buffer);
}
