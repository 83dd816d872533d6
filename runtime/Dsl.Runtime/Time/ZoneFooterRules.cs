using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;

namespace Dsl.Runtime.Time;

/// <summary>
/// The zones whose future .NET gets wrong, and their right rule. A tz file lists a zone's
/// transitions up to some year (2037 in "fat" files, the last change of the rules in "slim" ones)
/// and then gives the rule that goes on from there, as a POSIX TZ string. When that rule switches
/// at a time outside 00:00–24:00 (Chile at 24:00, Israel at 26:00, Greenland at −1:00, Egypt at
/// 24:00), .NET takes the time within the day and switches a day early or late; for those zones the instants after the listed transitions take their
/// offset from <see cref="PosixZoneRule"/> instead.
/// </summary>
public static class ZoneFooterRules
{
    private static readonly ConcurrentDictionary<TimeZoneInfo, FooterRule?> Rules = new(ReferenceEqualityComparer.Instance);

    /// <summary>The rule that replaces .NET's after <see cref="FooterRule.After"/> (epoch ms), or null where .NET is right.</summary>
    public static FooterRule? For(TimeZoneInfo zone) => Rules.GetOrAdd(zone, Load);

    private static FooterRule? Load(TimeZoneInfo zone)
    {
        // Where .NET reads zones on Linux and macOS; elsewhere (Windows) no file is found and .NET's answer stands.
        string folder = Environment.GetEnvironmentVariable("TZDIR") is { Length: > 0 } tzdir ? tzdir : "/usr/share/zoneinfo";
        try
        {
            string path = Path.Combine(folder, zone.Id);
            return File.Exists(path) ? Read(File.ReadAllBytes(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The footer's rule of a TZif file (RFC 8536) when .NET misreads it, with the last transition the file lists.</summary>
    public static FooterRule? Read(ReadOnlySpan<byte> file)
    {
        const int HeaderBytes = 44;
        if (file.Length < HeaderBytes || !file[..4].SequenceEqual("TZif"u8) || file[4] < (byte)'2')
        {
            return null;
        }

        // Skip the version 1 block (32-bit times) to the version 2 header and its 64-bit times.
        // Counts are unsigned 32-bit: a damaged file's sizes are checked in 64 bits, not wrapped.
        long v1 = HeaderBytes + BlockBytes(file, timeBytes: 4);
        if (file.Length < v1 + HeaderBytes)
        {
            return null;
        }

        ReadOnlySpan<byte> v2 = file[(int)v1..];
        long transitions = Count(v2, 3);
        long footer = HeaderBytes + BlockBytes(v2, timeBytes: 8);
        if (v2.Length <= footer || v2[(int)footer] != (byte)'\n')
        {
            return null;
        }

        int end = v2[((int)footer + 1)..].IndexOf((byte)'\n');
        if (end < 0 || PosixZoneRule.Parse(Encoding.ASCII.GetString(v2.Slice((int)footer + 1, end))) is not { SwitchesOutsideTheDay: true } rule)
        {
            return null;
        }

        long after = transitions == 0
            ? long.MinValue
            : BinaryPrimitives.ReadInt64BigEndian(v2.Slice(HeaderBytes + ((int)(transitions - 1) * 8), 8)) * 1000;
        return new FooterRule(after, rule);
    }

    // The header's counts: isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt.
    private static long Count(ReadOnlySpan<byte> header, int index) => BinaryPrimitives.ReadUInt32BigEndian(header.Slice(20 + (index * 4), 4));

    private static long BlockBytes(ReadOnlySpan<byte> header, int timeBytes) =>
        (Count(header, 3) * (timeBytes + 1)) + (Count(header, 4) * 6) + Count(header, 5) + (Count(header, 2) * (timeBytes + 4)) + Count(header, 1) + Count(header, 0);
}

/// <summary>A zone's rule for the instants after <paramref name="After"/> (epoch ms), its last listed transition.</summary>
public sealed record FooterRule(long After, PosixZoneRule Rule);
