using System.Buffers;
using System.Runtime.CompilerServices;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// One energy rule's accepted readings of all assets whose horizons are in order, appended in
/// arrival order: each entry links back to its asset's previous one, so an asset's horizon is the
/// chain that ends at its latest entry. An in-order reading is an append at one tail that all
/// assets share, written to consecutive memory; a horizon per asset would be written one entry
/// here and one there, a cache line missed for every few readings once thousands of assets'
/// horizons outgrow the cache, and copied as it grows. Chains are read back only to replay a late
/// reading, to prune at an interval's end or to write a checkpoint (<see cref="EnergyAssetState"/>).
/// </summary>
/// <remarks>
/// Entries are numbered from 0 for the life of the log and held in chunks; a chunk is freed (and
/// kept for reuse) once no asset's horizon starts before its end. When a chunk is added the owner
/// is asked (<see cref="ReclaimDue"/>) where the oldest horizon starts (<see cref="FreeBefore"/>),
/// and it counts the entries still in horizons (<see cref="Release"/>) to tell when horizons that
/// started long ago hold the log back (<see cref="Wasteful"/>).
/// </remarks>
internal sealed class ReadingLog
{
    public const int ChunkBits = 15;
    public const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    // _chunks[k] holds entries from (_firstChunk + k) * ChunkSize on; the last is being appended to.
    private readonly List<Entry[]> _chunks = [];
    private readonly Stack<Entry[]> _spare = new();
    private long _firstChunk;
    private Entry[] _tail = [];

    // ChunkSize when the tail is full (or there is none): the pool's arrays may be longer than a chunk.
    private int _tailOffset = ChunkSize;
    private long _end;
    private long _live;
    private long _nextReclaim;

    /// <summary>The number the next entry gets.</summary>
    public long End => _end;

    /// <summary>The first entry still held.</summary>
    public long Start => _firstChunk * ChunkSize;

    /// <summary>Entries in horizons: appended and not yet released.</summary>
    public long Live => _live;

    /// <summary>
    /// Set when a chunk was added: the owner should find where the oldest horizon starts and call
    /// <see cref="FreeBefore"/>. Checked by the owner after appends, it costs a field load per reading.
    /// </summary>
    public bool ReclaimDue { get; private set; }

    /// <summary>Whether the log holds so many more entries than live ones that horizons pinning old chunks should move out.</summary>
    public bool Wasteful => _end - Start > (4 * _live) + (4L * ChunkSize);

    /// <summary>Whether the next append takes a new chunk (and may then ask the owner to reclaim).</summary>
    public bool TailFull => _tailOffset == ChunkSize;

    /// <summary>Appends a reading whose asset's previous entry is <paramref name="previous"/> (−1: none); returns its number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Append(long time, double value, long previous)
    {
        if (_tailOffset == ChunkSize)
        {
            AddChunk();
        }

        _tail[_tailOffset++] = new Entry(time, value, previous);
        _live++;
        return _end++;
    }

    public ref readonly Entry this[long entry]
    {
        get
        {
            if (entry < Start || entry >= _end)
            {
                throw new ArgumentOutOfRangeException(nameof(entry));
            }

            return ref _chunks[(int)((entry >> ChunkBits) - _firstChunk)][entry & ChunkMask];
        }
    }

    /// <summary>Entries left horizons (dropped, cleared, or moved to an asset's own list).</summary>
    public void Release(long count) => _live -= count;

    /// <summary>
    /// Frees the chunks that end at or before <paramref name="oldest"/>, the first entry any horizon
    /// still holds, which the owner found by looking at <paramref name="looked"/> assets.
    /// </summary>
    public void FreeBefore(long oldest, int looked)
    {
        while (_chunks.Count > 1 && (_firstChunk + 1) * ChunkSize <= oldest)
        {
            _spare.Push(_chunks[0]);
            _chunks.RemoveAt(0);
            _firstChunk++;
        }

        ReclaimDue = false;

        // Not before as many appends as the owner looked at assets: they pay for the look, however
        // many assets there are.
        _nextReclaim = _end + looked;
    }

    /// <summary>
    /// Gives the chunks back to the process's pool when no horizon holds an entry (the end of
    /// input), for the next run or another job to take.
    /// </summary>
    public void Clear()
    {
        if (_live != 0)
        {
            return;
        }

        foreach (Entry[] chunk in _chunks.Concat(_spare))
        {
            ArrayPool<Entry>.Shared.Return(chunk);
        }

        _chunks.Clear();
        _spare.Clear();
        _tail = [];
        _tailOffset = ChunkSize;

        // Numbers go on from the next chunk's start.
        _firstChunk = (_end + ChunkMask) >> ChunkBits;
        _end = _firstChunk * ChunkSize;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddChunk()
    {
        _tail = _spare.Count > 0 ? _spare.Pop() : ArrayPool<Entry>.Shared.Rent(ChunkSize);
        _chunks.Add(_tail);
        _tailOffset = 0;
        if (_chunks.Count > 1 && _end >= _nextReclaim)
        {
            ReclaimDue = true;
        }
    }

    /// <summary>A reading and the number of its asset's previous entry (−1: none).</summary>
    public readonly record struct Entry(long Time, double Value, long Previous);
}
