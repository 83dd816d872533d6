namespace Dsl.Daemon.Channels;

/// <summary>
/// A bounded ring of the latest lines of a channel, for previews on recent data. The lines are
/// copied into one byte ring (no allocation per line: ingest adds every line it accepts, so a
/// copy per line would be garbage at hundreds of thousands of lines a second); a line is kept
/// while both the line ring and the byte ring still hold it, and copied out only when asked for.
/// Each line remembers the job that emitted it (none for an ingested one), so that a preview of a
/// job reads the channel as the job's worker does, without the job's own outputs.
/// </summary>
public sealed class RecentRecords
{
    private readonly byte[] _bytes;
    private readonly long[] _starts;
    private readonly int[] _lengths;
    private readonly string?[] _origins;
    private readonly Lock _gate = new();
    private long _count;
    private long _written;

    /// <summary>Keeps at most <paramref name="capacity"/> lines and <paramref name="byteCapacity"/> bytes of them.</summary>
    public RecentRecords(int capacity, int byteCapacity = 8 << 20)
    {
        _bytes = new byte[byteCapacity];
        _starts = new long[capacity];
        _lengths = new int[capacity];
        _origins = new string?[capacity];
    }

    /// <summary>The line bytes it keeps at most.</summary>
    public int ByteCapacity => _bytes.Length;

    /// <summary>Remembers a line (copied) that the job <paramref name="origin"/> emitted (null: an ingested line).</summary>
    public void Add(ReadOnlySpan<byte> line, string? origin = null)
    {
        lock (_gate)
        {
            AddLocked(line, origin);
        }
    }

    /// <summary>Remembers the lines of a batch of entries (copied), under one lock.</summary>
    public void Add(EntryBatch batch)
    {
        lock (_gate)
        {
            for (int i = 0; i < batch.Count; i++)
            {
                AddLocked(ChannelEntry.Line(batch.Get(i)), origin: null);
            }
        }
    }

    /// <summary>
    /// The latest <paramref name="count"/> lines still held, oldest first, leaving out those the job
    /// <paramref name="except"/> emitted: a job's worker skips its own outputs, and a preview of it
    /// that read them would take its chained points twice.
    /// </summary>
    public IReadOnlyList<byte[]> Latest(int count, string? except = null)
    {
        lock (_gate)
        {
            // Older lines whose bytes the ring has overwritten are gone.
            long oldest = Math.Max(0, _count - _starts.Length);
            while (oldest < _count && _starts[oldest % _starts.Length] < _written - _bytes.Length)
            {
                oldest++;
            }

            var result = new List<byte[]>();
            for (long i = _count - 1; i >= oldest && result.Count < count; i--)
            {
                if (except is null || !string.Equals(_origins[i % _origins.Length], except, StringComparison.Ordinal))
                {
                    result.Add(Copy(i));
                }
            }

            result.Reverse();
            return result;
        }
    }

    private byte[] Copy(long i)
    {
        long start = _starts[i % _starts.Length];
        var line = new byte[_lengths[i % _lengths.Length]];
        int at = (int)(start % _bytes.Length);
        int head = Math.Min(line.Length, _bytes.Length - at);
        _bytes.AsSpan(at, head).CopyTo(line);
        _bytes.AsSpan(0, line.Length - head).CopyTo(line.AsSpan(head));
        return line;
    }

    private void AddLocked(ReadOnlySpan<byte> line, string? origin)
    {
        if (line.Length > _bytes.Length)
        {
            // Larger than the whole ring: it could never be read back whole.
            return;
        }

        int at = (int)(_written % _bytes.Length);
        int head = Math.Min(line.Length, _bytes.Length - at);
        line[..head].CopyTo(_bytes.AsSpan(at));
        line[head..].CopyTo(_bytes);
        _starts[_count % _starts.Length] = _written;
        _lengths[_count % _lengths.Length] = line.Length;
        _origins[_count % _origins.Length] = origin;
        _written += line.Length;
        _count++;
    }
}
