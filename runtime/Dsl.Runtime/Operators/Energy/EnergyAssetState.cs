using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Transient (evaluated again after a restore): the asset's parameters, once
    /// <see cref="ParametersEvaluated"/>; <see cref="ParametersValid"/> when they evaluated.
    /// </summary>
    public StepParameters Parameters;

    public bool ParametersEvaluated;

    public bool ParametersValid;

    public long Latest;

    // Fields, not properties: the lists are structs and are changed in place.
    public SlidingList<EnergyReading> Readings = new();

    public OpenIntervals Open = new();

    /// <summary>
    /// Transient (rebuilt as readings come): copies of the step state every
    /// <see cref="SnapshotSpacing"/> readings or so, sorted by time, so that a late reading steps
    /// from a nearby one instead of from the horizon's start — a day of 1 Hz readings is 86,400
    /// steps. A snapshot at time T holds while no reading before T is inserted or dropped: an
    /// insertion drops the snapshots after it, pruning those at or before the horizon's new start.
    /// </summary>
    public SlidingList<StepSnapshot> Snapshots = new();

    public const int SnapshotSpacing = 64;

    /// <summary>The size of this object's fields, to within a cache line (a test checks it against the runtime's count).</summary>
    public const int FieldBytes = 256;

    // Readings appended or replayed since the last snapshot.
    private int _sinceSnapshot;

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

    /// <summary>Starts loading this object's fields, which all lie in its first <see cref="FieldBytes"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchFields() => Prefetch.Object(this, FieldBytes);

    /// <summary>Starts loading where an in-order reading writes: the ends of the horizon and of the open intervals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchTails()
    {
        Readings.PrefetchEnd();
        Open.PrefetchLast();
    }

    /// <summary>Drops the horizon (end of input, or an idle asset whose intervals were all closed); the next reading steps from the last one.</summary>
    public void ClearHorizon()
    {
        Base = _last;
        Readings.Clear();
        Snapshots.Clear();
        _sinceSnapshot = 0;
        SecondTimeFloor = long.MaxValue;
        _lastTime = long.MinValue;
    }

    /// <summary>Appends a reading; <paramref name="after"/> is the state its step left.</summary>
    public void AddReading(long time, double value, StepState after)
    {
        if (Readings.Count > 0 && time > _lastTime && ++_sinceSnapshot >= SnapshotSpacing)
        {
            // _last is the state after every reading so far, all of them before this one.
            TakeSnapshot(time, _last);
        }

        Readings.Add(new EnergyReading { Time = time, Value = value });
        LowerFloor(time);

        _last = after;
        _lastTime = time;
    }

    /// <summary>Inserts a reading before later ones; <see cref="SetLast"/> once the steps after it are recomputed.</summary>
    public void InsertReading(int index, long time, double value)
    {
        int keep = Snapshots.Count;
        while (keep > 0 && Snapshots[keep - 1].Time > time)
        {
            keep--;
        }

        Snapshots.Truncate(keep);
        Readings.Insert(index, new EnergyReading { Time = time, Value = value });
        LowerFloor(time);
    }

    /// <summary>
    /// Offers the state before reading <paramref name="index"/> as a snapshot, from a replay walking
    /// the horizon in order; taken when it is a snapshot's distance from the last one.
    /// </summary>
    public void OfferSnapshot(int index, StepState before)
    {
        long time = Readings[index].Time;
        if (index > 0 && time > Readings[index - 1].Time && ++_sinceSnapshot >= SnapshotSpacing
            && (Snapshots.Count == 0 || time > Snapshots[Snapshots.Count - 1].Time))
        {
            TakeSnapshot(time, before);
        }
    }

    /// <summary>
    /// Where to start stepping to the state after readings [0, <paramref name="count"/>): the
    /// latest snapshot that precedes them all, and the first reading after it; else the base.
    /// </summary>
    public (StepState State, int From) StartFor(int count)
    {
        long limit = count < Readings.Count ? Readings[count].Time : long.MaxValue;
        int low = 0;
        int high = Snapshots.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (Snapshots[middle].Time <= limit)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        if (low == 0)
        {
            return (Base, 0);
        }

        StepSnapshot snapshot = Snapshots[low - 1];
        return (snapshot.State, FirstAtOrAfter(snapshot.Time));
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

        // A snapshot at or before the new first reading may stand for a state among the dropped ones.
        int stale = 0;
        while (stale < Snapshots.Count && Snapshots[stale].Time <= Readings[0].Time)
        {
            stale++;
        }

        Snapshots.RemoveFirst(stale);
        SecondTimeFloor = Readings.Count > 1 ? Readings[1].Time : long.MaxValue;
    }

    private void LowerFloor(long time)
    {
        if (time < _secondTimeFloor)
        {
            SecondTimeFloor = time;
        }
    }

    private void TakeSnapshot(long time, StepState state)
    {
        Snapshots.Add(new StepSnapshot(time, state));
        _sinceSnapshot = 0;
    }

    // The index of the first reading at or after the time (readings are sorted by time).
    private int FirstAtOrAfter(long time)
    {
        int low = 0;
        int high = Readings.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (Readings[middle].Time < time)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
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
            // Not through AddReading: the states between readings are not in the checkpoint, so no
            // snapshot can be taken; late readings step from the base until new ones are.
            long time = reader.ReadInt64();
            Readings.Add(new EnergyReading { Time = time, Value = reader.ReadDouble() });
            LowerFloor(time);

            _lastTime = time;
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
