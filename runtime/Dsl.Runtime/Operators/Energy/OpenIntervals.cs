namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// An asset's open intervals sorted by end (ties in the order they opened). In-order readings
/// touch the latest intervals, which sit at the end, so a lookup is usually one or two
/// comparisons; late readings find theirs by binary search on the end. A struct, held in a field
/// of its owner so that a record's path does not go through one more object.
/// </summary>
internal struct OpenIntervals
{
    private OpenInterval[] _items;
    private int _count;
    private long _due = long.MaxValue;

    public OpenIntervals()
    {
        _items = new OpenInterval[4];
    }

    public readonly int Count => _count;

    /// <summary>
    /// Transient (rebuilt on restore): no interval is due to be emitted or to expire before this
    /// time, so a transition at an earlier latest time can skip the scan. Kept by opening
    /// intervals and by <see cref="RefreshDue"/> after every scan.
    /// </summary>
    public readonly long Due => _due;

    public readonly ref OpenInterval this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                ThrowOutOfRange();
            }

            return ref _items[index];
        }
    }

    /// <summary>The index of the interval, or −1 when it is not open.</summary>
    public readonly int IndexOf(int output, long start, long end)
    {
        // An in-order reading's interval is the last one, when it has one output.
        if (_count > 0 && _items[_count - 1].End == end && _items[_count - 1].Output == output && _items[_count - 1].Start == start)
        {
            return _count - 1;
        }

        // Intervals of one output with the same end are the same interval, so ties are few.
        for (int i = UpperBound(end) - 1; i >= 0 && _items[i].End == end; i--)
        {
            if (_items[i].Output == output && _items[i].Start == start)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The interval, opened with a zero total after the others with the same end when absent. Valid until the next change.</summary>
    public ref OpenInterval GetOrAdd(int output, long start, long end)
    {
        int index = IndexOf(output, start, end);
        if (index >= 0)
        {
            return ref _items[index];
        }

        int at = UpperBound(end);
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        Array.Copy(_items, at, _items, at + 1, _count - at);
        _items[at] = new OpenInterval { Output = output, Start = start, End = end };
        _count++;
        _due = Math.Min(_due, end);
        return ref _items[at];
    }

    /// <summary>Prefetches the last interval: the one an in-order reading adds to.</summary>
    public readonly void PrefetchLast() => Prefetch.Element(_items, _count - 1);

    /// <summary>Restores an interval in order (checkpoints list them sorted).</summary>
    public void Add(in OpenInterval interval)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = interval;
        _due = long.MinValue;
    }

    /// <summary>
    /// An interval is emitted no earlier than its end and expires no earlier than its end +
    /// lateness (with <c>split</c> possibly later, which only makes the scan run early).
    /// </summary>
    public void RefreshDue(long lateness)
    {
        long due = long.MaxValue;
        for (int i = 0; i < _count; i++)
        {
            due = Math.Min(due, _items[i].Emitted ? _items[i].End + lateness : _items[i].End);
        }

        _due = due;
    }

    public void RemoveAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        _count--;
        Array.Copy(_items, index + 1, _items, index, _count - index);
    }

    private static void ThrowOutOfRange() => throw new ArgumentOutOfRangeException("index");

    /// <summary>The first index whose end is after <paramref name="end"/>.</summary>
    private readonly int UpperBound(long end)
    {
        if (_count == 0 || _items[_count - 1].End <= end)
        {
            return _count;
        }

        int low = 0;
        int high = _count - 1;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (_items[middle].End <= end)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
