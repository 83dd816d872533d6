namespace Dsl.Daemon.Channels;

/// <summary>A bounded ring of the latest lines of a channel, for previews on recent data.</summary>
public sealed class RecentRecords
{
    private readonly byte[][] _lines;
    private readonly Lock _gate = new();
    private long _count;

    /// <summary>Keeps at most <paramref name="capacity"/> lines.</summary>
    public RecentRecords(int capacity) => _lines = new byte[capacity][];

    /// <summary>Remembers a line (copied).</summary>
    public void Add(ReadOnlySpan<byte> line)
    {
        byte[] copy = line.ToArray();
        lock (_gate)
        {
            _lines[_count % _lines.Length] = copy;
            _count++;
        }
    }

    /// <summary>The latest <paramref name="count"/> lines, oldest first.</summary>
    public IReadOnlyList<byte[]> Latest(int count)
    {
        lock (_gate)
        {
            long take = Math.Min(Math.Min(count, _lines.Length), _count);
            var result = new byte[take][];
            for (long i = 0; i < take; i++)
            {
                result[i] = _lines[(_count - take + i) % _lines.Length];
            }

            return result;
        }
    }
}
