using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>
/// The records of a chained point (one that a rule of the job derives) that each open window
/// holds, sorted by time. A chained point is a series with one value per time: a record at a time
/// a window already holds is a result the upstream rule corrected (an <c>update</c>, or the
/// on-time result after early ones), so it replaces the record held, and the window is computed
/// again from what it holds. Chained points carry one record per upstream window or trigger, so
/// holding them costs little beside the raw points' records, which are never held.
/// </summary>
/// <remarks>
/// A window has a list from the record that opened it on. A window restored from a checkpoint
/// written before its point was chained has none: its records are added as they come, and none
/// replaces, since what it holds is not known.
/// </remarks>
internal sealed class ChainedRecords
{
    private readonly Dictionary<WindowKey, List<InputRecord>> _windows = [];

    /// <summary>The window's records (null for a window without a list), sorted by time, ties in arrival order.</summary>
    public List<InputRecord>? this[WindowKey window] => _windows.GetValueOrDefault(window);

    /// <summary>Starts the list of a window just opened.</summary>
    public void Open(WindowKey window) => _windows.TryAdd(window, []);

    /// <summary>
    /// Holds the record in the window's list: in place of the latest one at its time (returns true)
    /// or inserted by time. False also when the window has no list.
    /// </summary>
    public bool Hold(WindowKey window, in InputRecord record)
    {
        if (!_windows.TryGetValue(window, out List<InputRecord>? records))
        {
            return false;
        }

        int index = records.Count;
        while (index > 0 && records[index - 1].Time > record.Time)
        {
            index--;
        }

        if (index > 0 && records[index - 1].Time == record.Time)
        {
            records[index - 1] = record;
            return true;
        }

        records.Insert(index, record);
        return false;
    }

    public void Close(WindowKey window) => _windows.Remove(window);

    public void WriteTo(CheckpointWriter writer)
    {
        writer.Write(_windows.Count);
        foreach ((WindowKey window, List<InputRecord> records) in _windows)
        {
            writer.Write(window.Asset);
            writer.Write(window.Start);
            writer.Write(records.Count);
            foreach (InputRecord record in records)
            {
                writer.Write(record.Point);
                writer.Write(record.Time);
                writer.Write(record.Value);
                writer.Write(record.Text);
                writer.Write(record.Quality);
                writer.Write(record.IsValid);
            }
        }
    }

    public void ReadFrom(CheckpointReader reader)
    {
        _windows.Clear();
        int windows = reader.ReadCount();
        for (int w = 0; w < windows; w++)
        {
            var window = new WindowKey(reader.ReadInt32(), reader.ReadInt64());
            int count = reader.ReadCount();
            var records = new List<InputRecord>(count);
            for (int i = 0; i < count; i++)
            {
                records.Add(new InputRecord(
                    window.Asset,
                    Point: reader.ReadInt32(),
                    Time: reader.ReadInt64(),
                    Value: reader.ReadDouble(),
                    Text: reader.ReadString(),
                    Quality: reader.ReadInt32(),
                    IsValid: reader.ReadBoolean()));
            }

            _windows[window] = records;
        }
    }
}
