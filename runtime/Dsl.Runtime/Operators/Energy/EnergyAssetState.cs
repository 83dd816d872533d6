using Dsl.Runtime.Checkpoints;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// Per-asset state of an energy rule: the algorithm's state before the horizon, the accepted
/// readings that a late reading could still precede (sorted by time, ties in arrival order), the
/// contributions of their split steps in the same order, and the asset's open intervals with their
/// totals — all checkpointed, apart from the marked copies rebuilt on restore. Everything is held
/// in arrays that are reused as the horizon slides, so in-order readings allocate nothing once the
/// horizon has reached its size.
/// </summary>
internal sealed class EnergyAssetState
{
    public StepState Base;

    public bool Seen;

    public long Latest;

    // Fields, not properties: the lists are structs and are changed in place.
    public SlidingList<EnergyReading> Readings = new();

    /// <summary>Only split steps record contributions: an unsplit step's amount is on its reading.</summary>
    public SlidingList<Contribution> Contributions = new();

    public OpenIntervals Open = new();

    /// <summary>
    /// Transient (rebuilt on restore): at or below the time of the second reading in the horizon (when there is one), so
    /// that pruning, which keeps the last reading before its bound, has nothing to drop while its
    /// bound is not above it — without reading the start of the horizon for every record.
    /// </summary>
    public long SecondTimeFloor = long.MaxValue;

    // Transient copies of the horizon's last reading (rebuilt on restore), so that a record that
    // comes in order finds where it goes without reading the end of the horizon first.
    private StepState _last;
    private long _lastTime = long.MinValue;

    /// <summary>The state after the last accepted reading: the baseline of the next in-order step.</summary>
    public StepState Last => _last;

    /// <summary>The time of the last reading in the horizon; MinValue when it is empty.</summary>
    public long LastTime => _lastTime;

    /// <summary>Drops the horizon (end of input, or an idle asset whose intervals were all closed).</summary>
    public void ClearHorizon()
    {
        Readings.Clear();
        Contributions.Clear();
        SecondTimeFloor = long.MaxValue;
        RefreshLast();
    }

    /// <summary>Appends a reading whose step is already computed.</summary>
    public void AddReading(in EnergyReading reading)
    {
        Readings.Add(reading);
        SecondTimeFloor = Math.Min(SecondTimeFloor, reading.Time);
        _last = reading.After;
        _lastTime = reading.Time;
    }

    /// <summary>Inserts a reading whose step is still to be computed: <see cref="RefreshLast"/> once it is.</summary>
    public void InsertReading(int index, in EnergyReading reading)
    {
        Readings.Insert(index, reading);
        SecondTimeFloor = Math.Min(SecondTimeFloor, reading.Time);
    }

    /// <summary>Takes the copies of the last reading again, after its step was recomputed.</summary>
    public void RefreshLast()
    {
        if (Readings.Count > 0)
        {
            ref EnergyReading last = ref Readings[Readings.Count - 1];
            _last = last.After;
            _lastTime = last.Time;
        }
        else
        {
            _last = Base;
            _lastTime = long.MinValue;
        }
    }

    /// <summary>Drops the first readings and their contributions; the state after the last dropped one becomes the base.</summary>
    public void DropReadings(int count)
    {
        Base = Readings[count - 1].After;
        int contributions = 0;
        for (int i = 0; i < count; i++)
        {
            contributions += Readings[i].Contributions;
        }

        Contributions.RemoveFirst(contributions);
        Readings.RemoveFirst(count);
        SecondTimeFloor = Readings.Count > 1 ? Readings[1].Time : long.MaxValue;
        RefreshLast();
    }

    public void WriteTo(CheckpointWriter writer)
    {
        Write(writer, Base);
        writer.Write(Seen);
        writer.Write(Latest);
        writer.Write(Readings.Count);
        for (int i = 0; i < Readings.Count; i++)
        {
            ref EnergyReading reading = ref Readings[i];
            writer.Write(reading.Time);
            writer.Write(reading.Value);
            Write(writer, reading.After);
            writer.Write(reading.Amount);
            writer.Write(reading.Contributions);
            writer.Write(reading.Discarded);
        }

        writer.Write(Contributions.Count);
        for (int i = 0; i < Contributions.Count; i++)
        {
            Contribution c = Contributions[i];
            writer.Write(c.Output);
            writer.Write(c.Start);
            writer.Write(c.End);
            writer.Write(c.Amount);
        }

        writer.Write(Open.Count);
        for (int i = 0; i < Open.Count; i++)
        {
            ref OpenInterval interval = ref Open[i];
            writer.Write(interval.Output);
            writer.Write(interval.Start);
            writer.Write(interval.End);
            writer.Write(interval.Sum);
            writer.Write(interval.Emitted);
            writer.Write(interval.LastEmitted);
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
            AddReading(new EnergyReading
            {
                Time = reader.ReadInt64(),
                Value = reader.ReadDouble(),
                After = ReadStep(reader),
                Amount = reader.ReadDouble(),
                Contributions = reader.ReadCount(),
                Discarded = reader.ReadBoolean(),
            });
        }

        RefreshLast();
        int contributions = reader.ReadCount();
        for (int i = 0; i < contributions; i++)
        {
            Contributions.Add(new Contribution(reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadDouble()));
        }

        int open = reader.ReadCount();
        for (int i = 0; i < open; i++)
        {
            Open.Add(new OpenInterval
            {
                Output = reader.ReadInt32(),
                Start = reader.ReadInt64(),
                End = reader.ReadInt64(),
                Sum = reader.ReadDouble(),
                Emitted = reader.ReadBoolean(),
                LastEmitted = reader.ReadDouble(),
            });
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
