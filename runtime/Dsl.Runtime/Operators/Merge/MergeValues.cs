using System.Runtime.CompilerServices;
using Dsl.Runtime.Checkpoints;

namespace Dsl.Runtime.Operators.Merge;

/// <summary>
/// The values a merge keeps, one slot per (asset, input): for each slot the same values a
/// <see cref="ValueHistory"/> keeps (the retention plus the two before), stored so that a record in
/// order touches one small ring and its slot's header, and an evaluation at or after the latest
/// values reads the headers alone.
/// </summary>
/// <remarks>
/// A slot keeps up to <see cref="Inline"/> values in a ring inside one shared array: the latest
/// value and the two before it, plus what a few periods of lateness keep (a job with lateness 5m
/// and one value a minute needs seven). A slot that needs more (a lateness many times its points'
/// period) moves to a <see cref="ValueHistory"/> of its own. A header is 24 bytes (the ring's
/// start and count, and a copy of the latest time and value), so the headers of thousands of
/// assets stay in the nearer caches; the per-record cost is the one ring the record is written to.
/// </remarks>
internal sealed class MergeValues
{
    private const int Inline = 8;
    private const int InlineMask = Inline - 1;
    private const int RingLongs = 2 * Inline;

    // Slot.Count of a slot whose values are in _spilled.
    private const sbyte Spilled = -1;

    private Slot[] _slots;

    // Slot s's ring: time and value bits of entry e at _rings[s * RingLongs + 2e (+1)], oldest at
    // Slot.Head. An ordinary array: pinned and aligned to cache lines, the rings went to the
    // pinned heap, which only a full collection reclaims, and a run that grew them brought on
    // gen2 collections; alignment made no measurable difference.
    private long[] _rings;

    // Numeric points never carry text; the array exists once a text has been stored.
    private string?[]? _texts;
    private ValueHistory?[] _spilled;

    public MergeValues(int slots)
    {
        _slots = new Slot[slots];
        _rings = new long[slots * RingLongs];
        _spilled = new ValueHistory?[slots];
    }

    /// <summary>A view over separate histories, one slot each (the slot of a null history is empty).</summary>
    public static MergeValues Over(ValueHistory?[] histories)
    {
        var values = new MergeValues(histories.Length);
        for (int slot = 0; slot < histories.Length; slot++)
        {
            if (histories[slot] is { IsEmpty: false } history)
            {
                values.Spill(slot, history);
            }
        }

        return values;
    }

    public void EnsureSlots(int count)
    {
        if (count <= _slots.Length)
        {
            return;
        }

        int size = Math.Max(count, _slots.Length * 2);
        Array.Resize(ref _rings, size * RingLongs);
        Array.Resize(ref _slots, size);
        Array.Resize(ref _spilled, size);
        if (_texts is not null)
        {
            Array.Resize(ref _texts, size * Inline);
        }
    }

    public bool HasValues(int slot) => _slots[slot].Count != 0;

    /// <summary>Adds a value, as <see cref="ValueHistory.Add"/> does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int slot, long time, double value, string? text, long retentionMs)
    {
        if (!TryAddInOrder(slot, time, value, text, retentionMs))
        {
            AddSlow(ref _slots[slot], slot, time, value, text, retentionMs);
        }
    }

    /// <summary>
    /// The hot path of <see cref="Add"/>: a numeric value at or after the latest of a slot with its
    /// values inline, that leaves room in the ring. False for anything else, for <see cref="AddSlow"/>
    /// (having at most pruned the ring, which AddSlow would do first).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAddInOrder(int slot, long time, double value, string? text, long retentionMs)
    {
        ref Slot s = ref _slots[slot];
        int count = s.Count;
        if (count > 0 && retentionMs >= 0 && text is null && _texts is null)
        {
            // Every step is written out here, with the ring in locals, so that it compiles to
            // straight-line code wherever it is inlined; the slot's header has its latest time,
            // so the ring is only written.
            int head = s.Head;
            long latestTime = s.LatestTime;
            if (time >= latestTime)
            {
                // Pruning before the add leaves what pruning after it would: the new value is the
                // latest, so it is not before the horizon, and it is the third value only when
                // there are two, when nothing goes.
                if (count == 3 && latestTime < time - retentionMs)
                {
                    // The usual ring of a job without lateness: the third value is the latest,
                    // so the oldest goes.
                    head = (head + 1) & InlineMask;
                    count = 2;
                }
                else if (count > 3)
                {
                    count = PruneInline(ref s, slot * Inline, time - retentionMs);
                    head = s.Head;
                }

                if (count < Inline)
                {
                    long[] rings = _rings;
                    int at = 2 * ((slot * Inline) + ((head + count) & InlineMask));
                    rings[at] = time;
                    rings[at + 1] = BitConverter.DoubleToInt64Bits(value);
                    s.LatestTime = time;
                    s.LatestValue = value;
                    s.Head = (byte)head;
                    s.Count = (sbyte)(count + 1);
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Sets the value of the slot's latest entry at exactly <paramref name="time"/>, if it has one:
    /// how a chained point's correction replaces the value it corrects. False when it has none.
    /// </summary>
    public bool TryReplace(int slot, long time, double value, string? text)
    {
        int index = IndexAtOrBefore(slot, time);
        if (index < 0 || TimeAt(slot, index) != time)
        {
            return false;
        }

        if (_slots[slot].Count == Spilled)
        {
            Spill(slot).ReplaceAt(index, value, text);
            return true;
        }

        int entry = InlineIndex(slot, index);
        Put(entry, time, value);
        if (text is not null || _texts is not null)
        {
            StoreText(entry, text);
        }

        RefreshLatest(slot);
        return true;
    }

    /// <summary>
    /// Removes the slot's latest entry at exactly <paramref name="time"/>, if it has one: how a
    /// chained point's value outside its range supersedes the value it corrects. False when it has none.
    /// </summary>
    public bool TryRemove(int slot, long time)
    {
        int index = IndexAtOrBefore(slot, time);
        if (index < 0 || TimeAt(slot, index) != time)
        {
            return false;
        }

        if (_slots[slot].Count == Spilled)
        {
            ValueHistory history = Spill(slot);
            history.RemoveAt(index);
            if (history.IsEmpty)
            {
                Clear(slot);
            }

            return true;
        }

        // Shift the later values one place towards the head.
        int count = _slots[slot].Count;
        for (int i = index; i < count - 1; i++)
        {
            int to = InlineIndex(slot, i);
            int from = InlineIndex(slot, i + 1);
            Put(to, TimeOf(from), ValueOf(from));
            if (_texts is not null)
            {
                _texts[to] = _texts[from];
            }
        }

        if (_texts is not null)
        {
            _texts[InlineIndex(slot, count - 1)] = null;
        }

        _slots[slot].Count = (sbyte)(count - 1);
        RefreshLatest(slot);
        return true;
    }

    /// <summary>
    /// Whether the slot has values and the latest is at or before the time, in which case it is the
    /// value as of that time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryLatestAtOrBefore(int slot, long time, out long latestTime, out double latestValue)
    {
        ref readonly Slot s = ref _slots[slot];
        if (s.Count > 0)
        {
            latestTime = s.LatestTime;
            latestValue = s.LatestValue;
            return latestTime <= time;
        }

        if (s.Count == Spilled)
        {
            ValueHistory history = Spill(slot);
            latestTime = history.LatestTime;
            latestValue = history.LatestValue;
            return latestTime <= time;
        }

        latestTime = 0;
        latestValue = 0;
        return false;
    }

    /// <summary>Index of the slot's latest value at or before the time, or −1 (see <see cref="ValueHistory.IndexAtOrBefore"/>).</summary>
    public int IndexAtOrBefore(int slot, long time)
    {
        int count = _slots[slot].Count;
        if (count == Spilled)
        {
            return Spill(slot).IndexAtOrBefore(time);
        }

        int found = -1;
        for (int i = 0; i < count && TimeAt(slot, i) <= time; i++)
        {
            found = i;
        }

        return found;
    }

    public int Count(int slot) => _slots[slot].Count == Spilled ? Spill(slot).Count : _slots[slot].Count;

    public long TimeAt(int slot, int index) =>
        _slots[slot].Count == Spilled ? Spill(slot).TimeAt(index) : TimeOf(InlineIndex(slot, index));

    public double ValueAt(int slot, int index) =>
        _slots[slot].Count == Spilled ? Spill(slot).ValueAt(index) : ValueOf(InlineIndex(slot, index));

    public string? TextAt(int slot, int index) =>
        _slots[slot].Count == Spilled ? Spill(slot).TextAt(index) : _texts?[InlineIndex(slot, index)];

    /// <summary>Writes a slot as <see cref="ValueHistory"/> writes itself, so either reads it back.</summary>
    public void WriteSlot(int slot, CheckpointWriter writer)
    {
        if (_slots[slot].Count == Spilled)
        {
            Spill(slot).WriteTo(writer);
            return;
        }

        int count = _slots[slot].Count;
        writer.Write(count);
        for (int i = 0; i < count; i++)
        {
            writer.Write(TimeAt(slot, i));
            writer.Write(ValueAt(slot, i));
            writer.Write(TextAt(slot, i));
        }
    }

    public void ReadSlot(int slot, CheckpointReader reader)
    {
        var history = new ValueHistory();
        history.ReadFrom(reader);
        Clear(slot);
        if (history.Count > Inline)
        {
            Spill(slot, history);
            return;
        }

        int first = slot * Inline;
        for (int i = 0; i < history.Count; i++)
        {
            Put(first + i, history.TimeAt(i), history.ValueAt(i));
            if (history.TextAt(i) is { } text)
            {
                StoreText(first + i, text);
            }
        }

        _slots[slot].Count = (sbyte)history.Count;
        RefreshLatest(slot);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddSlow(ref Slot s, int slot, long time, double value, string? text, long retentionMs)
    {
        AddAnyway(ref s, slot, time, value, text, retentionMs);
        RefreshLatest(slot);
    }

    private void AddAnyway(ref Slot s, int slot, long time, double value, string? text, long retentionMs)
    {
        int count = s.Count;
        if (count > 0 && retentionMs >= 0 && time >= TimeAt(slot, count - 1))
        {
            // In order, but with a text to keep: what the hot path does, one step at a time.
            if (count > 2)
            {
                count = PruneInline(ref s, slot * Inline, time - retentionMs);
            }

            if (count < Inline)
            {
                int index = InlineIndex(slot, count);
                Put(index, time, value);
                if (text is not null || _texts is not null)
                {
                    StoreText(index, text);
                }

                s.Count = (sbyte)(count + 1);
                return;
            }
        }

        if (s.Count == Inline)
        {
            // The retention keeps more values than the ring holds: give the slot a history.
            Spill(slot, ToHistory(slot));
        }

        if (s.Count == Spilled)
        {
            Spill(slot).Add(time, value, text, retentionMs);
            return;
        }

        // Mostly a record older than the slot's latest: shift the later values one place towards the tail.
        int position = s.Count;
        while (position > 0 && TimeAt(slot, position - 1) > time)
        {
            position--;
        }

        for (int i = s.Count; i > position; i--)
        {
            int to = InlineIndex(slot, i);
            int from = InlineIndex(slot, i - 1);
            Put(to, TimeOf(from), ValueOf(from));
            if (_texts is not null)
            {
                _texts[to] = _texts[from];
            }
        }

        int at = InlineIndex(slot, position);
        Put(at, time, value);
        if (text is not null || _texts is not null)
        {
            StoreText(at, text);
        }

        s.Count++;
        // The record's own evaluation reads the value before it (prev, delta, rate): the two
        // before the older of the horizon and the record stay until the next add in order.
        PruneInline(ref s, slot * Inline, Math.Min(TimeAt(slot, s.Count - 1) - retentionMs, time));
    }

    /// <summary>Copies an inline slot's latest entry into its header, after any change but an add in order.</summary>
    private void RefreshLatest(int slot)
    {
        ref Slot s = ref _slots[slot];
        if (s.Count > 0)
        {
            int latest = (slot * Inline) + ((s.Head + s.Count - 1) & InlineMask);
            s.LatestTime = TimeOf(latest);
            s.LatestValue = ValueOf(latest);
        }
    }

    /// <summary>
    /// Drops values before the horizon but the last two of them, and returns how many are left.
    /// Times are sorted, so "the third value is before the horizon" is the same as "more than two
    /// values are".
    /// </summary>
    private int PruneInline(ref Slot s, int first, long horizon)
    {
        while (s.Count > 2 && TimeOf(first + ((s.Head + 2) & InlineMask)) < horizon)
        {
            DropOldest(ref s, first);
        }

        return s.Count;
    }

    private void DropOldest(ref Slot s, int first)
    {
        if (_texts is not null)
        {
            // Let a dropped text be collected.
            _texts[first + s.Head] = null;
        }

        s.Head = (byte)((s.Head + 1) & InlineMask);
        s.Count--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long TimeOf(int entry) => _rings[2 * entry];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double ValueOf(int entry) => BitConverter.Int64BitsToDouble(_rings[(2 * entry) + 1]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Put(int entry, long time, double value)
    {
        int at = 2 * entry;
        _rings[at] = time;
        _rings[at + 1] = BitConverter.DoubleToInt64Bits(value);
    }

    private int InlineIndex(int slot, int index) => (slot * Inline) + ((_slots[slot].Head + index) & InlineMask);

    private void StoreText(int index, string? text) => (_texts ??= new string?[_slots.Length * Inline])[index] = text;

    private ValueHistory ToHistory(int slot)
    {
        var history = new ValueHistory();
        for (int i = 0; i < _slots[slot].Count; i++)
        {
            history.AppendSorted(TimeAt(slot, i), ValueAt(slot, i), TextAt(slot, i));
        }

        return history;
    }

    private ValueHistory Spill(int slot) =>
        _spilled[slot] ?? throw new InvalidOperationException($"Merge slot {slot} has no history.");

    private void Spill(int slot, ValueHistory history)
    {
        Clear(slot);
        _spilled[slot] = history;
        _slots[slot].Count = Spilled;
    }

    private void Clear(int slot)
    {
        if (_texts is not null)
        {
            Array.Clear(_texts, slot * Inline, Inline);
        }

        _slots[slot] = default;
        _spilled[slot] = null;
    }

    /// <summary>
    /// Where a slot's ring starts and how many values it holds (<see cref="Spilled"/> once it has a
    /// history), and, while it has values inline, a copy of the latest: an add in order and an
    /// evaluation read the header alone, as a hand-written loop reads its flat arrays, and only
    /// write the ring.
    /// </summary>
    private struct Slot
    {
        public long LatestTime;
        public double LatestValue;
        public byte Head;
        public sbyte Count;
    }
}
