using System.Text;

namespace Dsl.Daemon.Channels;

/// <summary>
/// The layout of a channel entry: one byte with the length of the origin (the job that emitted
/// the record; empty for ingested records), the origin, then the NDJSON line. A job skips the
/// entries it emitted itself, so its own outputs never come back into it.
/// </summary>
public static class ChannelEntry
{
    /// <summary>Encodes a line with its origin into <paramref name="buffer"/>; returns the bytes used.</summary>
    public static int Encode(Span<byte> buffer, ReadOnlySpan<byte> origin, ReadOnlySpan<byte> line)
    {
        buffer[0] = (byte)origin.Length;
        origin.CopyTo(buffer[1..]);
        line.CopyTo(buffer[(1 + origin.Length)..]);
        return 1 + origin.Length + line.Length;
    }

    /// <summary>The bytes an entry takes.</summary>
    public static int Size(ReadOnlySpan<byte> origin, ReadOnlySpan<byte> line) => 1 + origin.Length + line.Length;

    /// <summary>The origin of an entry (empty for ingested records).</summary>
    public static ReadOnlySpan<byte> Origin(ReadOnlySpan<byte> entry) => entry.Length == 0 ? default : entry.Slice(1, Math.Min(entry[0], entry.Length - 1));

    /// <summary>The NDJSON line of an entry.</summary>
    public static ReadOnlySpan<byte> Line(ReadOnlySpan<byte> entry) => entry.Length == 0 ? default : entry[Math.Min(1 + entry[0], entry.Length)..];

    /// <summary>The origin bytes of a job's outputs; names longer than 255 bytes are cut (job names are identifiers).</summary>
    public static byte[] OriginOf(string job)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(job);
        return bytes.Length <= 255 ? bytes : bytes[..255];
    }
}
