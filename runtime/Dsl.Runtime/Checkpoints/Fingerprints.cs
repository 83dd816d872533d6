using System.Security.Cryptography;

namespace Dsl.Runtime.Checkpoints;

/// <summary>
/// Cheap identity checks of the files a resumed run continues: a hash of the last few kilobytes
/// before a position, which differs when the file was replaced or rewritten.
/// </summary>
internal static class Fingerprints
{
    private const int TailBytes = 4096;

    public static string Tail(FileStream file, long position)
    {
        int length = (int)Math.Min(TailBytes, position);
        byte[] buffer = new byte[length];
        RandomAccess.Read(file.SafeFileHandle, buffer, position - length);
        return $"{position}:{Convert.ToHexStringLower(SHA256.HashData(buffer))}";
    }
}
