using Dsl.Runtime.Checkpoints;

namespace Dsl.Runtime.Operators.Aggregates;

/// <summary>
/// The samples of one output in one window, kept sorted by event time (ties in arrival order) for
/// median, percentile, twa and integral. Appends are O(1) for in-order data. Instances are pooled
/// by their operator.
/// </summary>
public sealed class SampleList
{
    private long[] _times = new long[8];
    private double[] _values = new double[8];

    public int Count { get; private set; }

    public long TimeAt(int index) => _times[index];

    public double ValueAt(int index) => _values[index];

    public void Add(long time, double value)
    {
        if (Count == _times.Length)
        {
            Array.Resize(ref _times, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }

        int index = Count;
        while (index > 0 && _times[index - 1] > time)
        {
            index--;
        }

        if (index < Count)
        {
            Array.Copy(_times, index, _times, index + 1, Count - index);
            Array.Copy(_values, index, _values, index + 1, Count - index);
        }

        _times[index] = time;
        _values[index] = value;
        Count++;
    }

    /// <summary>Appends samples that all come after this list's in event time (the next pane of a hopping window).</summary>
    public void AppendLater(SampleList later)
    {
        ArgumentNullException.ThrowIfNull(later);
        for (int i = 0; i < later.Count; i++)
        {
            Add(later._times[i], later._values[i]);
        }
    }

    public void Clear() => Count = 0;

    /// <summary>Copies the values into <paramref name="destination"/> (grown as needed) for sorting by value.</summary>
    public int CopyValuesTo(ref double[] destination)
    {
        if (destination.Length < Count)
        {
            destination = new double[Math.Max(Count, destination.Length * 2)];
        }

        Array.Copy(_values, destination, Count);
        return Count;
    }

    internal void WriteTo(CheckpointWriter writer)
    {
        writer.Write(Count);
        for (int i = 0; i < Count; i++)
        {
            writer.Write(_times[i]);
            writer.Write(_values[i]);
        }
    }

    /// <summary>Replaces the content with a checkpointed one (already sorted, so appended as is).</summary>
    internal void ReadFrom(CheckpointReader reader)
    {
        Clear();
        int count = reader.ReadCount();
        for (int i = 0; i < count; i++)
        {
            Add(reader.ReadInt64(), reader.ReadDouble());
        }
    }
}
