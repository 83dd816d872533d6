using System.Runtime.CompilerServices;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Merge;

/// <summary>
/// What a generated merge expression reads: the block's input points (by their index in the
/// block's input list) as of the evaluation time, their history, attributes and local time.
/// A value older than <c>hold</c> is missing, as is a point never seen.
/// </summary>
public readonly struct MergeScope
{
    // The asset's inputs are the slots from _first on, in the block's input order.
    private readonly MergeValues _values;
    private readonly int _first;
    private readonly long _holdMs;

    // The trigger record of an `on P` evaluation (input −1 for a grid time): P's value as of its own
    // time is the record's, whatever the kept values hold. A record older than their span finds
    // itself pruned from them, and one stamped like an earlier record of P must win the tie.
    private readonly int _triggerInput;
    private readonly double _triggerValue;
    private readonly string? _triggerText;

    internal MergeScope(ValueHistory?[] histories, long time, long holdMs, AssetScope asset)
        : this(MergeValues.Over(histories), 0, time, holdMs, asset)
    {
    }

    internal MergeScope(MergeValues values, int first, long time, long holdMs, AssetScope asset, int triggerInput = -1, double triggerValue = 0, string? triggerText = null)
    {
        _values = values;
        _first = first;
        Time = time;
        _holdMs = holdMs;
        Asset = asset;
        _triggerInput = triggerInput;
        _triggerValue = triggerValue;
        _triggerText = triggerText;
    }

    /// <summary>The evaluation time: the trigger record's time or the grid time.</summary>
    public long Time { get; }

    public AssetScope Asset { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryValue(int input, out double value)
    {
        if (input == _triggerInput)
        {
            value = _triggerValue;
            return true;
        }

        if (_values.TryLatestAtOrBefore(_first + input, Time, out long latestTime, out double latest))
        {
            // The usual case: the latest value is the one as of the evaluation time.
            bool held = Time - latestTime <= _holdMs;
            value = held ? latest : 0;
            return held;
        }

        // A static call that takes the fields it needs and returns what it finds, so that neither
        // the scope's address nor the value's is taken, and both can stay in registers wherever
        // this is inlined.
        (bool found, value) = ValueBefore(_values, _first + input, Time, _holdMs);
        return found;
    }

    /// <summary>The value as of a time before the slot's latest value: an evaluation out of order.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (bool Held, double Value) ValueBefore(MergeValues values, int slot, long time, long holdMs)
    {
        int index = values.IndexAtOrBefore(slot, time);
        return index >= 0 && time - values.TimeAt(slot, index) <= holdMs ? (true, values.ValueAt(slot, index)) : (false, 0);
    }

    public bool TryText(int input, out string value)
    {
        if (input == _triggerInput && _triggerText is not null)
        {
            value = _triggerText;
            return true;
        }

        if (TryLatest(input, out int slot, out int index) && _values.TextAt(slot, index) is { } text)
        {
            value = text;
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary><c>prev(P)</c>: the value before the latest one.</summary>
    public bool TryPrev(int input, out double value)
    {
        if (TryLatest(input, out int slot, out int index) && index > 0)
        {
            value = _values.ValueAt(slot, index - 1);
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary><c>prev(P)</c> of a string point: the text before the latest one.</summary>
    public bool TryPrevText(int input, out string value)
    {
        if (TryLatest(input, out int slot, out int index) && index > 0 && _values.TextAt(slot, index - 1) is { } text)
        {
            value = text;
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary><c>delta(P)</c> = P − prev(P).</summary>
    public bool TryDelta(int input, out double value)
    {
        bool found = TryLatestTwo(input, out double latest, out double previous);
        value = latest - previous;
        return found;
    }

    /// <summary>
    /// The latest value and the one before it: <c>delta(P)</c> of an <c>int</c> or <c>long</c> point is
    /// their difference in that type, which wraps as <c>P - prev(P)</c> does (a difference taken in
    /// double and narrowed would stop at the type's limit instead).
    /// </summary>
    public bool TryLatestTwo(int input, out double latest, out double previous)
    {
        if (TryLatest(input, out int slot, out int index) && index > 0)
        {
            latest = _values.ValueAt(slot, index);
            previous = _values.ValueAt(slot, index - 1);
            return true;
        }

        latest = previous = 0;
        return false;
    }

    /// <summary><c>rate(P)</c> = delta(P) per hour between the two values' times (NaN when they coincide).</summary>
    public bool TryRate(int input, out double value)
    {
        if (TryLatest(input, out int slot, out int index) && index > 0)
        {
            long span = _values.TimeAt(slot, index) - _values.TimeAt(slot, index - 1);
            value = span == 0 ? double.NaN : (_values.ValueAt(slot, index) - _values.ValueAt(slot, index - 1)) / Durations.ToHours(span);
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary><c>age(P)</c>: seconds from the latest value to the evaluation time.</summary>
    public bool TryAge(int input, out double seconds)
    {
        if (input == _triggerInput)
        {
            seconds = 0;
            return true;
        }

        if (TryLatest(input, out int slot, out int index))
        {
            seconds = (Time - _values.TimeAt(slot, index)) / 1000.0;
            return true;
        }

        seconds = 0;
        return false;
    }

    public int Hour() => Asset.Hour(Time);

    public int Minute() => Asset.Minute(Time);

    public int Weekday() => Asset.Weekday(Time);

    public int Day() => Asset.Day(Time);

    public int Month() => Asset.Month(Time);

    public int Year() => Asset.Year(Time);

    private bool TryLatest(int input, out int slot, out int index)
    {
        slot = _first + input;
        index = _values.IndexAtOrBefore(slot, Time);
        return index >= 0 && Time - _values.TimeAt(slot, index) <= _holdMs;
    }
}
