using Dsl.Runtime.Checkpoints;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// Per-asset state of an energy rule: the algorithm's state before the horizon and after it, the
/// accepted readings that a late reading could still precede (sorted by time, ties in arrival
/// order), and the asset's open intervals with their totals — all checkpointed, apart from the
/// marked copies rebuilt on restore. Everything is held in arrays that are reused as the horizon
/// slides, so in-order readings allocate nothing once the horizon has reached its size.
/// </summary>
internal sealed class EnergyAssetState
{
    /// <summary>The state before the first reading of the horizon.</summary>
    public StepState Base;

    public bool Seen;

    public long Latest;

    // Fields, not properties: the lists are structs and are changed in place.
    public SlidingList<EnergyReading> Readings = new();

    public OpenIntervals Open = new();

    /// <summary>
    /// Transient (rebuilt on restore): at or below the time of the second reading in the horizon (when there is one), so
    /// that pruning, which keeps the last reading before its bound, has nothing to drop while its
    /// bound is not above it — without reading the start of the horizon for every record.
    /// </summary>
    public long SecondTimeFloor
    {
        get => _secondTimeFloor;
        set
        {
            _secondTimeFloor = value;
            PruneDue = long.MinValue;
        }
    }

    /// <summary>
    /// Transient: while the latest time is below it, pruning has nothing to drop — the bound has not
    /// moved since it was last found at or below <see cref="SecondTimeFloor"/>, which resets it
    /// whenever it changes.
    /// </summary>
    public long PruneDue = long.MinValue;

    private long _secondTimeFloor = long.MaxValue;

    // The state after the last reading, so that an in-order reading needs nothing from the horizon;
    // and (transient, rebuilt on restore) that reading's time.
    private StepState _last;
    private long _lastTime = long.MinValue;

    /// <summary>The state after the last accepted reading: the baseline of the next in-order step.</summary>
    public StepState Last => _last;

    /// <summary>The time of the last reading in the horizon; MinValue when it is empty.</summary>
    public long LastTime => _lastTime;

    /// <summary>Drops the horizon (end of input, or an idle asset whose intervals were all closed); the next reading steps from the last one.</summary>
    public void ClearHorizon()
    {
        Base = _last;
        Readings.Clear();
        SecondTimeFloor = long.MaxValue;
        _lastTime = long.MinValue;
    }

    /// <summary>Appends a reading; <paramref name="after"/> is the state its step left.</summary>
    public void AddReading(long time, double value, StepState after)
    {
        Readings.Add(new EnergyReading { Time = time, Value = value });
        if (time < _secondTimeFloor)
        {
            SecondTimeFloor = time;
        }

        _last = after;
        _lastTime = time;
    }

    /// <summary>Inserts a reading before later ones; <see cref="SetLast"/> once the steps after it are recomputed.</summary>
    public void InsertReading(int index, long time, double value)
    {
        Readings.Insert(index, new EnergyReading { Time = time, Value = value });
        if (time < _secondTimeFloor)
        {
            SecondTimeFloor = time;
        }

    }

    /// <summary>The state after the last reading, recomputed by a replay.</summary>
    public void SetLast(StepState after)
    {
        _last = after;
        _lastTime = Readings[Readings.Count - 1].Time;
    }

    /// <summary>Drops the first readings; <paramref name="after"/>, the state their steps left, becomes the base.</summary>
    public void DropReadings(int count, StepState after)
    {
        Base = after;
        Readings.RemoveFirst(count);
        SecondTimeFloor = Readings.Count > 1 ? Readings[1].Time : long.MaxValue;
    }

    public void WriteTo(CheckpointWriter writer)
    {
        Write(writer, Base);
        Write(writer, _last);
        writer.Write(Seen);
        writer.Write(Latest);
        writer.Write(Readings.Count);
        for (int i = 0; i < Readings.Count; i++)
        {
            ref EnergyReading reading = ref Readings[i];
            writer.Write(reading.Time);
            writer.Write(reading.Value);
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
        StepState last = ReadStep(reader);
        Seen = reader.ReadBoolean();
        Latest = reader.ReadInt64();
        int readings = reader.ReadCount();
        for (int i = 0; i < readings; i++)
        {
            AddReading(reader.ReadInt64(), reader.ReadDouble(), last);
        }

        _last = last;
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
