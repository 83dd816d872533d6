using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Dsl.Runtime.Checkpoints;

/// <summary>
/// Making files and their directory entries durable, and checking them. A rename is atomic on
/// POSIX file systems, but only durable once the directory itself is synced, which .NET cannot do
/// without opening the directory: that is the one native call here.
/// </summary>
public static partial class DurableFiles
{
    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Forces a file written by someone else (FASTER) to disk.</summary>
    public static void Sync(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Makes the entries of a directory (files created, renamed or deleted in it) durable.</summary>
    public static void SyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        int fd = Open(path, OperatingSystem.IsLinux() ? ReadOnlyDirectory : 0);
        if (fd < 0)
        {
            throw new IOException($"Cannot open the directory {path} to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"Cannot sync the directory {path} (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Writes through a temporary file and renames it over the target, so readers see the old or the new content, never a part.</summary>
    public static void ReplaceAtomically(string path, ReadOnlySpan<byte> content)
    {
        string temporary = path + ".tmp";
        WriteAllBytes(temporary, content);
        File.Move(temporary, path, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The SHA-256 of a file's first <paramref name="length"/> bytes (all of them when it has fewer).</summary>
    public static string Sha256(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[1 << 16];
        for (long left = length; left > 0;)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                break;
            }

            hash.AppendData(buffer, 0, read);
            left -= read;
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Text followed by a line with its SHA-256: a file that shows when it is truncated or altered.</summary>
    public static byte[] Seal(string text)
    {
        byte[] body = Encoding.UTF8.GetBytes(text.TrimEnd('\n') + "\n");
        return [.. body, .. Encoding.ASCII.GetBytes($"sha256:{Sha256(body)}\n")];
    }

    /// <summary>The text of a sealed file; throws <see cref="InvalidDataException"/> when its seal does not match.</summary>
    public static string Unseal(string path)
    {
        byte[] content = File.ReadAllBytes(path);
        int end = content.Length;
        if (end > 0 && content[end - 1] == (byte)'\n')
        {
            end--;
        }

        int split = Array.LastIndexOf(content, (byte)'\n', Math.Max(0, end - 1));
        string seal = split < 0 ? string.Empty : Encoding.ASCII.GetString(content, split + 1, end - split - 1);
        if (split < 0 || !seal.StartsWith("sha256:", StringComparison.Ordinal))
        {
            throw new InvalidDataException("it has no checksum line (truncated or not written by the runtime)");
        }

        ReadOnlySpan<byte> body = content.AsSpan(0, split + 1);
        if (!string.Equals(seal["sha256:".Length..], Sha256(body), StringComparison.Ordinal))
        {
            throw new InvalidDataException("its checksum does not match its content");
        }

        return Encoding.UTF8.GetString(body);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
