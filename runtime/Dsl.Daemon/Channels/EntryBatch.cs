using FASTER.core;

namespace Dsl.Daemon.Channels;

/// <summary>
/// Channel entries (<see cref="ChannelEntry"/> layout) gathered in one buffer so that a chunk of
/// ingested lines costs one log enqueue and one lock of the recent-records ring instead of one
/// of each per line. Reused: <see cref="Clear"/> keeps the buffers.
/// </summary>
public sealed class EntryBatch : IReadOnlySpanBatch
{
    private byte[] _bytes = new byte[1 << 16];
    private int[] _ends = new int[1024];
    private int _used;

    /// <summary>Entries held.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes held, for callers that bound the batch.</summary>
    public int Bytes => _used;

    /// <summary>Adds an entry for <paramref name="line"/> with <paramref name="origin"/>.</summary>
    public void Add(ReadOnlySpan<byte> origin, ReadOnlySpan<byte> line)
    {
        int size = ChannelEntry.Size(origin, line);
        if (_bytes.Length - _used < size)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + size));
        }

        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        _used += ChannelEntry.Encode(_bytes.AsSpan(_used), origin, line);
        _ends[Count++] = _used;
    }

    /// <summary>Entry <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Get(int index)
    {
        int start = index == 0 ? 0 : _ends[index - 1];
        return _bytes.AsSpan(start, _ends[index] - start);
    }

    /// <inheritdoc />
    public int TotalEntries() => Count;

    /// <summary>Empties the batch.</summary>
    public void Clear()
    {
        Count = 0;
        _used = 0;
    }
}
