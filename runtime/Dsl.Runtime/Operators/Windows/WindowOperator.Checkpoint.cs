using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Checkpoints;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>The state a checkpoint carries beside the state store: sample lists, open window starts, heads, the panes of hopping windows and chained records.</summary>
public sealed partial class WindowOperator<TInputs, THead>
{
    public void WriteState(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_samples.Count);
        foreach ((OutputWindowKey key, SampleList samples) in _samples)
        {
            writer.Write(key.Asset);
            writer.Write(key.Start);
            writer.Write(key.Output);
            samples.WriteTo(writer);
        }

        WriteStarts(writer, _open);
        WriteHeads(writer);
        if (_usePanes)
        {
            WriteStarts(writer, _panes);
        }

        _chained?.WriteTo(writer);
    }

    public void ReadState(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _samples.Clear();
        int samples = reader.ReadCount();
        for (int i = 0; i < samples; i++)
        {
            var key = new OutputWindowKey(reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt32());
            var list = new SampleList();
            list.ReadFrom(reader);
            _samples[key] = list;
        }

        _open = ReadStarts(reader);
        ReadHeads(reader);
        if (_usePanes)
        {
            _panes = ReadStarts(reader);
        }

        // Absent from checkpoints written while the point was not chained; a point no longer
        // chained drops what its windows held.
        if (!reader.AtEnd)
        {
            (_chained ?? new ChainedRecords()).ReadFrom(reader);
        }
    }

    /// <summary>Per asset, a sorted list of starts (−1 for an asset without one).</summary>
    private static void WriteStarts(CheckpointWriter writer, List<long>?[] perAsset)
    {
        writer.Write(perAsset.Length);
        foreach (List<long>? starts in perAsset)
        {
            writer.Write(starts?.Count ?? -1);
            foreach (long start in starts ?? [])
            {
                writer.Write(start);
            }
        }
    }

    private static List<long>?[] ReadStarts(CheckpointReader reader)
    {
        int assets = reader.ReadCount();
        var perAsset = new List<long>?[Math.Max(16, assets)];
        for (int asset = 0; asset < assets; asset++)
        {
            int count = reader.ReadInt32();
            if (count < 0)
            {
                continue;
            }

            var starts = new List<long>(count);
            for (int i = 0; i < count; i++)
            {
                starts.Add(reader.ReadInt64());
            }

            perAsset[asset] = starts;
        }

        return perAsset;
    }
}
