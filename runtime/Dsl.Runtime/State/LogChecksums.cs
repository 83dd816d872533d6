using System.Buffers;
using System.Security.Cryptography;

namespace Dsl.Runtime.State;

/// <summary>A log segment as a checkpoint needs it: its first <paramref name="Length"/> bytes, and their SHA-256.</summary>
internal sealed record LogSegment(string Path, long Length, string Sha256);

/// <summary>
/// The SHA-256 of the log's segments, over the bytes FASTER has made immutable on disk (below its
/// flushed address, which only grows: FASTER appends past it and never writes below it again).
/// Each byte is hashed once, when a checkpoint first covers it: a segment's hash is extended by
/// what was flushed since the last checkpoint, so a checkpoint costs what the log grew, not its size.
/// A restored store starts without hashes and hashes its log once, at its first checkpoint.
/// </summary>
internal sealed class LogChecksums(Func<long, string> pathOf, long segmentBytes) : IDisposable
{
    private const int ChunkBytes = 1 << 20;

    private readonly SortedDictionary<long, string> _whole = [];
    private IncrementalHash? _open;
    private long _hashedUntil;

    /// <summary>The segments holding <c>[begin, flushed)</c>, each with the hash of its bytes below <paramref name="flushed"/>.</summary>
    public IReadOnlyList<LogSegment> Update(long begin, long flushed)
    {
        if (flushed <= begin)
        {
            // Nothing the checkpoint needs is on disk yet (FASTER's first address is not 0, and its file may not exist).
            return [];
        }

        long first = begin / segmentBytes;
        foreach (long segment in _whole.Keys.Where(s => s < first).ToList())
        {
            _whole.Remove(segment);
        }

        if (_hashedUntil < first * segmentBytes)
        {
            // The start moved past what was hashed (a compaction, or nothing hashed yet).
            _open?.Dispose();
            _open = null;
            _hashedUntil = first * segmentBytes;
        }

        Extend(flushed);
        var segments = new List<LogSegment>();
        for (long segment = first; segment * segmentBytes < flushed; segment++)
        {
            segments.Add(_whole.TryGetValue(segment, out string? whole)
                ? new LogSegment(pathOf(segment), segmentBytes, whole)
                : new LogSegment(pathOf(segment), _hashedUntil - (segment * segmentBytes), Convert.ToHexStringLower(_open!.GetCurrentHash())));
        }

        return segments;
    }

    public void Dispose() => _open?.Dispose();

    private void Extend(long flushed)
    {
        if (_hashedUntil >= flushed)
        {
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            while (_hashedUntil < flushed)
            {
                long segment = _hashedUntil / segmentBytes;
                long segmentEnd = (segment + 1) * segmentBytes;
                long until = Math.Min(flushed, segmentEnd);
                _open ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                using (var file = File.OpenHandle(pathOf(segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                {
                    for (long offset = _hashedUntil - (segment * segmentBytes); offset < until - (segment * segmentBytes);)
                    {
                        int read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(ChunkBytes, until - (segment * segmentBytes) - offset)), offset);
                        if (read == 0)
                        {
                            throw new IOException($"{pathOf(segment)} ends at {offset} bytes, before the {until - (segment * segmentBytes)} the log has flushed to it.");
                        }

                        _open.AppendData(buffer, 0, read);
                        offset += read;
                    }
                }

                _hashedUntil = until;
                if (until == segmentEnd)
                {
                    _whole[segment] = Convert.ToHexStringLower(_open.GetHashAndReset());
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
