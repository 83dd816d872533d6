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
    private readonly ValueHistory?[] _histories;
    private readonly long _holdMs;

    internal MergeScope(ValueHistory?[] histories, long time, long holdMs, AssetScope asset)
    {
        _histories = histories;
        Time = time;
        _holdMs = holdMs;
        Asset = asset;
    }

    /// <summary>The evaluation time: the trigger record's time or the grid time.</summary>
    public long Time { get; }

    public AssetScope Asset { get; }

    public bool TryValue(int input, out double value)
    {
        if (TryLatest(input, out ValueHistory? history, out int index))
        {
            value = history.ValueAt(index);
            return true;
        }

        value = 0;
        return false;
    }

    public bool TryText(int input, out string value)
    {
        if (TryLatest(input, out ValueHistory? history, out int index) && history.TextAt(index) is { } text)
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
        if (TryLatest(input, out ValueHistory? history, out int index) && index > 0)
        {
            value = history.ValueAt(index - 1);
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary><c>prev(P)</c> of a string point: the text before the latest one.</summary>
    public bool TryPrevText(int input, out string value)
    {
        if (TryLatest(input, out ValueHistory? history, out int index) && index > 0 && history.TextAt(index - 1) is { } text)
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
        if (TryLatest(input, out ValueHistory? history, out int index) && index > 0)
        {
            value = history.ValueAt(index) - history.ValueAt(index - 1);
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary><c>rate(P)</c> = delta(P) per hour between the two values' times (NaN when they coincide).</summary>
    public bool TryRate(int input, out double value)
    {
        if (TryLatest(input, out ValueHistory? history, out int index) && index > 0)
        {
            long span = history.TimeAt(index) - history.TimeAt(index - 1);
            value = span == 0 ? double.NaN : (history.ValueAt(index) - history.ValueAt(index - 1)) / Durations.ToHours(span);
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary><c>age(P)</c>: seconds from the latest value to the evaluation time.</summary>
    public bool TryAge(int input, out double seconds)
    {
        if (TryLatest(input, out ValueHistory? history, out int index))
        {
            seconds = (Time - history.TimeAt(index)) / 1000.0;
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

    private bool TryLatest(int input, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ValueHistory? history, out int index)
    {
        history = _histories[input];
        index = history?.IndexAtOrBefore(Time) ?? -1;
        return history is not null && index >= 0 && Time - history.TimeAt(index) <= _holdMs;
    }
}
