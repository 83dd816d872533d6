namespace Dsl.Daemon.Channels;

/// <summary>
/// A bounded ring of the latest lines of a channel, for previews on recent data. The lines are
/// copied into one byte ring (no allocation per line: ingest adds every line it accepts, so a
/// copy per line would be garbage at hundreds of thousands of lines a second); a line is kept
/// while both the line ring and the byte ring still hold it, and copied out only when asked for.
/// </summary>
public sealed class RecentRecords
{
    private readonly byte[] _bytes;
    private readonly long[] _starts;
    private readonly int[] _lengths;
    private readonly Lock _gate = new();
    private long _count;
    private long _written;

    /// <summary>Keeps at most <paramref name="capacity"/> lines and <paramref name="byteCapacity"/> bytes of them.</summary>
    public RecentRecords(int capacity, int byteCapacity = 8 << 20)
    {
        _bytes = new byte[byteCapacity];
        _starts = new long[capacity];
        _lengths = new int[capacity];
    }

    /// <summary>Remembers a line (copied).</summary>
    public void Add(ReadOnlySpan<byte> line)
    {
        lock (_gate)
        {
            AddLocked(line);
        }
    }

    /// <summary>Remembers the lines of a batch of entries (copied), under one lock.</summary>
    public void Add(EntryBatch batch)
    {
        lock (_gate)
        {
            for (int i = 0; i < batch.Count; i++)
            {
                AddLocked(ChannelEntry.Line(batch.Get(i)));
            }
        }
    }

    /// <summary>The latest <paramref name="count"/> lines still held, oldest first.</summary>
    public IReadOnlyList<byte[]> Latest(int count)
    {
        lock (_gate)
        {
            long take = Math.Min(Math.Min(count, _starts.Length), _count);
            long first = _count - take;

            // Older lines whose bytes the ring has overwritten are gone.
            while (first < _count && _starts[first % _starts.Length] < _written - _bytes.Length)
            {
                first++;
            }

            var result = new byte[_count - first][];
            for (long i = first; i < _count; i++)
            {
                long start = _starts[i % _starts.Length];
                var line = new byte[_lengths[i % _lengths.Length]];
                int at = (int)(start % _bytes.Length);
                int head = Math.Min(line.Length, _bytes.Length - at);
                _bytes.AsSpan(at, head).CopyTo(line);
                _bytes.AsSpan(0, line.Length - head).CopyTo(line.AsSpan(head));
                result[i - first] = line;
            }

            return result;
        }
    }

    private void AddLocked(ReadOnlySpan<byte> line)
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
        _written += line.Length;
        _count++;
    }
}
