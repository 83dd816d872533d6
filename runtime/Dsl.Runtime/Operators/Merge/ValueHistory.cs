using Dsl.Runtime.Checkpoints;

namespace Dsl.Runtime.Operators.Merge;

/// <summary>
/// Recent values of one point of one asset, sorted by time (ties in arrival order): the values of
/// the last <c>retention</c> of the point's own event time plus the two before, so "latest at or
/// before t", its previous value and their times are exact for every t within the retention.
/// </summary>
/// <remarks>
/// <para>
/// A ring buffer of (time, value) pairs. A record in order is one write at the tail; only a record
/// older than the latest one shifts values to find its place. The latest value is also kept in
/// fields, so that an evaluation at or after it (the usual case) never reads the ring.
/// </para>
/// <para>
/// Pruning is deferred until the ring is full or its contents are read (<see cref="Settle"/>):
/// values only ever leave from the oldest end and the horizon only moves forward, so the set left
/// by one late prune is exactly the set left by pruning after every add.
/// </para>
/// </remarks>
public sealed class ValueHistory
{
    private const int InitialCapacity = 4;

    // Capacity is a power of two so that a logical index maps to a slot with a mask.
    private Entry[] _entries = new Entry[InitialCapacity];

    // Numeric points never carry text; the array exists once a text has been stored.
    private string?[]? _texts;
    private int _mask = InitialCapacity - 1;
    private int _head;
    private int _count;
    private long _retentionMs;

    // Whether an add may have left values that a prune would drop.
    private bool _unsettled;

    // The record last inserted out of order, if no add in order came since: the two values
    // before it are kept (long.MaxValue: none).
    private long _keepFrom = long.MaxValue;

    /// <summary>Number of values kept.</summary>
    public int Count
    {
        get
        {
            Settle();
            return _count;
        }
    }

    /// <summary>Time of the latest value; meaningless while the history is empty.</summary>
    public long LatestTime { get; private set; }

    /// <summary>The latest value; meaningless while the history is empty.</summary>
    public double LatestValue { get; private set; }

    public bool IsEmpty => _count == 0;

    public long TimeAt(int index)
    {
        Settle();
        return _entries[(_head + index) & _mask].Time;
    }

    public double ValueAt(int index)
    {
        Settle();
        return _entries[(_head + index) & _mask].Value;
    }

    public string? TextAt(int index)
    {
        Settle();
        return _texts?[(_head + index) & _mask];
    }

    public void Add(long time, double value, string? text, long retentionMs)
    {
        _retentionMs = retentionMs;
        if (_count == _entries.Length)
        {
            Settle();
            if (_count > _entries.Length / 2)
            {
                // Room for as many adds as values kept, so that pruning runs once per that many adds.
                Grow();
            }
        }

        if (_count == 0 || time >= LatestTime)
        {
            Store((_head + _count) & _mask, time, value, text);
            _count++;
            LatestTime = time;
            LatestValue = value;
            _keepFrom = long.MaxValue;
        }
        else
        {
            // What the last add left to prune goes first: it may have kept values for a record
            // inserted out of order before this one.
            Settle();
            Insert(time, value, text);
            // The record's own evaluation reads the value before it (prev, delta, rate): the two
            // before the older of the horizon and the record stay until the next add in order.
            _keepFrom = time;
        }

        _unsettled = true;
    }

    /// <summary>Sets the value of the entry at <paramref name="index"/> (its time stays).</summary>
    public void ReplaceAt(int index, double value, string? text)
    {
        Settle();
        int slot = (_head + index) & _mask;
        Store(slot, _entries[slot].Time, value, text);
        if (index == _count - 1)
        {
            LatestValue = value;
        }
    }

    /// <summary>Removes the entry at <paramref name="index"/>, moving the later ones one place towards the head.</summary>
    public void RemoveAt(int index)
    {
        Settle();
        for (int i = index; i < _count - 1; i++)
        {
            int to = (_head + i) & _mask;
            int from = (_head + i + 1) & _mask;
            _entries[to] = _entries[from];
            if (_texts is not null)
            {
                _texts[to] = _texts[from];
            }
        }

        _count--;
        if (_texts is not null)
        {
            _texts[(_head + _count) & _mask] = null;
        }

        if (_count > 0)
        {
            Entry latest = _entries[(_head + _count - 1) & _mask];
            LatestTime = latest.Time;
            LatestValue = latest.Value;
        }
    }

    /// <summary>Index of the latest value at or before the time, or −1.</summary>
    public int IndexAtOrBefore(long time)
    {
        Settle();
        if (_count > 0 && LatestTime <= time)
        {
            // Evaluations mostly ask about the present, which the last value answers.
            return _count - 1;
        }

        int lo = 0;
        int hi = _count - 1;
        int found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (RawTime(mid) <= time)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    /// <summary>
    /// Drops values before the horizon but the last two of them. Times are sorted, so "the third
    /// value is before the horizon" is the same as "more than two values are".
    /// </summary>
    private void Settle()
    {
        if (!_unsettled)
        {
            return;
        }

        _unsettled = false;
        long horizon = Math.Min(LatestTime - _retentionMs, _keepFrom);
        while (_count > 2 && RawTime(2) < horizon)
        {
            if (_texts is not null)
            {
                // Let a dropped text be collected.
                _texts[_head] = null;
            }

            _head = (_head + 1) & _mask;
            _count--;
        }
    }

    private long RawTime(int index) => _entries[(_head + index) & _mask].Time;

    /// <summary>A record older than the latest one: shift the later values one place towards the tail.</summary>
    private void Insert(long time, double value, string? text)
    {
        int index = _count;
        while (index > 0 && RawTime(index - 1) > time)
        {
            index--;
        }

        for (int i = _count; i > index; i--)
        {
            int to = (_head + i) & _mask;
            int from = (_head + i - 1) & _mask;
            _entries[to] = _entries[from];
            if (_texts is not null)
            {
                _texts[to] = _texts[from];
            }
        }

        Store((_head + index) & _mask, time, value, text);
        _count++;
    }

    private void Store(int slot, long time, double value, string? text)
    {
        _entries[slot] = new Entry(time, value);
        if (text is not null || _texts is not null)
        {
            (_texts ??= new string?[_entries.Length])[slot] = text;
        }
    }

    private void Grow()
    {
        int capacity = _entries.Length * 2;
        var entries = new Entry[capacity];
        string?[]? oldTexts = _texts;
        string?[]? texts = oldTexts is null ? null : new string?[capacity];
        for (int i = 0; i < _count; i++)
        {
            int from = (_head + i) & _mask;
            entries[i] = _entries[from];
            if (texts is not null && oldTexts is not null)
            {
                texts[i] = oldTexts[from];
            }
        }

        _entries = entries;
        _texts = texts;
        _mask = capacity - 1;
        _head = 0;
    }

    internal void WriteTo(CheckpointWriter writer)
    {
        Settle();
        writer.Write(_count);
        for (int i = 0; i < _count; i++)
        {
            writer.Write(TimeAt(i));
            writer.Write(ValueAt(i));
            writer.Write(TextAt(i));
        }
    }

    internal void ReadFrom(CheckpointReader reader)
    {
        int count = reader.ReadCount();
        for (int i = 0; i < count; i++)
        {
            long time = reader.ReadInt64();
            double value = reader.ReadDouble();
            string? text = reader.ReadString();
            AppendSorted(time, value, text);
        }
    }

    /// <summary>Appends a value known to be the latest, from values already pruned (a checkpoint, a merge slot's ring).</summary>
    internal void AppendSorted(long time, double value, string? text)
    {
        if (_count == _entries.Length)
        {
            Grow();
        }

        Store((_head + _count) & _mask, time, value, text);
        _count++;
        LatestTime = time;
        LatestValue = value;
    }

    /// <summary>Time and value side by side, so that an add writes one cache line.</summary>
    private readonly record struct Entry(long Time, double Value);
}
