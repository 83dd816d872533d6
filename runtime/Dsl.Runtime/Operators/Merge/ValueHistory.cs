using Dsl.Runtime.Checkpoints;

namespace Dsl.Runtime.Operators.Merge;

/// <summary>
/// Recent values of one point of one asset, sorted by time (ties in arrival order): the values of
/// the last <c>retention</c> of the point's own event time plus the two before, so "latest at or
/// before t", its previous value and their times are exact for every t within the retention.
/// </summary>
public sealed class ValueHistory
{
    private readonly List<long> _times = [];
    private readonly List<double> _values = [];
    private readonly List<string?> _texts = [];

    public int Count => _times.Count;

    public long TimeAt(int index) => _times[index];

    public double ValueAt(int index) => _values[index];

    public string? TextAt(int index) => _texts[index];

    public void Add(long time, double value, string? text, long retentionMs)
    {
        int index = _times.Count;
        while (index > 0 && _times[index - 1] > time)
        {
            index--;
        }

        _times.Insert(index, time);
        _values.Insert(index, value);
        _texts.Insert(index, text);
        Prune(retentionMs);
    }

    /// <summary>Index of the latest value at or before the time, or −1.</summary>
    public int IndexAtOrBefore(long time)
    {
        int lo = 0;
        int hi = _times.Count - 1;
        int found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_times[mid] <= time)
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

    private void Prune(long retentionMs)
    {
        long horizon = _times[^1] - retentionMs;
        int keepFrom = 0;
        while (keepFrom < _times.Count && _times[keepFrom] < horizon)
        {
            keepFrom++;
        }

        keepFrom = Math.Max(0, keepFrom - 2);
        if (keepFrom > 0)
        {
            _times.RemoveRange(0, keepFrom);
            _values.RemoveRange(0, keepFrom);
            _texts.RemoveRange(0, keepFrom);
        }
    }

    internal void WriteTo(CheckpointWriter writer)
    {
        writer.Write(_times.Count);
        for (int i = 0; i < _times.Count; i++)
        {
            writer.Write(_times[i]);
            writer.Write(_values[i]);
            writer.Write(_texts[i]);
        }
    }

    internal void ReadFrom(CheckpointReader reader)
    {
        int count = reader.ReadCount();
        for (int i = 0; i < count; i++)
        {
            _times.Add(reader.ReadInt64());
            _values.Add(reader.ReadDouble());
            _texts.Add(reader.ReadString());
        }
    }
}
