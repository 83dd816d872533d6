namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// A list of structs that grows at the end and is dropped from the front as a horizon slides
/// forward. Dropping moves nothing (the live part starts at an offset, compacted only when the
/// array is full), so in-order records cost an append and never a copy of the whole horizon, and
/// the array is reused once it has reached the horizon's size. A struct, held in a field of its
/// owner so that a record's path does not go through one more object.
/// </summary>
internal struct SlidingList<T>
    where T : struct
{
    private T[] _items;
    private int _head;
    private int _count;

    // Empty until the first add: most horizons never use some of their lists (a late reading's
    // own list, snapshots of a short one), and an asset's state is created on its first record.
    public SlidingList()
    {
        _items = [];
    }

    public readonly int Count => _count;

    public readonly ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                ThrowOutOfRange();
            }

            return ref _items[_head + index];
        }
    }

    public void Add(in T item)
    {
        if (_head + _count == _items.Length)
        {
            MakeRoom();
        }

        _items[_head + _count] = item;
        _count++;
    }

    /// <summary>Prefetches the slot the next <see cref="Add"/> writes.</summary>
    public readonly void PrefetchEnd() => Prefetch.Element(_items, _head + _count);

    public void Insert(int index, in T item)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)_count, nameof(index));
        if (_head + _count == _items.Length)
        {
            MakeRoom();
        }

        Array.Copy(_items, _head + index, _items, _head + index + 1, _count - index);
        _items[_head + index] = item;
        _count++;
    }

    public void RemoveFirst(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)_count, nameof(count));
        _head += count;
        _count -= count;
        if (_count == 0)
        {
            _head = 0;
        }
    }

    /// <summary>Keeps the first <paramref name="count"/> items.</summary>
    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)_count, nameof(count));
        _count = count;
        if (_count == 0)
        {
            _head = 0;
        }
    }

    public void Clear()
    {
        _head = 0;
        _count = 0;
    }

    private static void ThrowOutOfRange() => throw new ArgumentOutOfRangeException("index");

    private void MakeRoom()
    {
        // Compacting after at least half the array was dropped keeps each item's moves amortized O(1).
        T[] target = _items.Length == 0 ? new T[4] : _head >= _items.Length / 2 ? _items : new T[_items.Length * 2];
        Array.Copy(_items, _head, target, 0, _count);
        _items = target;
        _head = 0;
    }
}
