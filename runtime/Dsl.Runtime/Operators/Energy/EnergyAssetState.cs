using Dsl.Runtime.Checkpoints;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// Per-asset state of an energy rule: the algorithm's state before the horizon, the accepted
/// readings that a late reading could still precede (sorted by time, ties in arrival order), and
/// the asset's open intervals sorted by end.
/// </summary>
internal sealed class EnergyAssetState
{
    public StepState Base;

    public bool Seen;

    public long Latest;

    public List<EnergyReading> Readings { get; } = [];

    public List<EnergyIntervalKey> Open { get; } = [];

    public void WriteTo(CheckpointWriter writer)
    {
        Write(writer, Base);
        writer.Write(Seen);
        writer.Write(Latest);
        writer.Write(Readings.Count);
        foreach (EnergyReading reading in Readings)
        {
            writer.Write(reading.Time);
            writer.Write(reading.Value);
            Write(writer, reading.After);
            writer.Write(reading.Discarded);
            writer.Write(reading.Contributions?.Length ?? -1);
            foreach (Contribution c in reading.Contributions ?? [])
            {
                writer.Write(c.Output);
                writer.Write(c.Start);
                writer.Write(c.End);
                writer.Write(c.Amount);
            }
        }

        writer.Write(Open.Count);
        foreach (EnergyIntervalKey key in Open)
        {
            writer.Write(key.Asset);
            writer.Write(key.Output);
            writer.Write(key.Start);
        }
    }

    public void ReadFrom(CheckpointReader reader)
    {
        Base = ReadStep(reader);
        Seen = reader.ReadBoolean();
        Latest = reader.ReadInt64();
        int readings = reader.ReadCount();
        for (int i = 0; i < readings; i++)
        {
            var reading = new EnergyReading
            {
                Time = reader.ReadInt64(),
                Value = reader.ReadDouble(),
                After = ReadStep(reader),
                Discarded = reader.ReadBoolean(),
            };
            int contributions = reader.ReadInt32();
            if (contributions >= 0)
            {
                reading.Contributions = new Contribution[contributions];
                for (int c = 0; c < contributions; c++)
                {
                    reading.Contributions[c] = new Contribution(reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadDouble());
                }
            }

            Readings.Add(reading);
        }

        int open = reader.ReadCount();
        for (int i = 0; i < open; i++)
        {
            Open.Add(new EnergyIntervalKey(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt64()));
        }
    }

    private static void Write(CheckpointWriter writer, StepState step)
    {
        writer.Write(step.HasBaseline);
        writer.Write(step.Value);
        writer.Write(step.Time);
    }

    private static StepState ReadStep(CheckpointReader reader) =>
        new() { HasBaseline = reader.ReadBoolean(), Value = reader.ReadDouble(), Time = reader.ReadInt64() };
}
