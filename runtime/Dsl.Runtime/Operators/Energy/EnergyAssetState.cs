using System.Buffers;
using System.Runtime.CompilerServices;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// Per-asset state of an energy rule: the algorithm's state before the horizon and after it, the
/// accepted readings that a late reading could still precede (sorted by time, ties in arrival
/// order), and the asset's open intervals with their totals — all checkpointed, apart from the
/// marked copies rebuilt on restore. Everything is held in arrays that are reused as the horizon
/// slides, so in-order readings allocate nothing once the horizon has reached its size.
/// <para>
/// The horizon lives in one of two places. While its readings came in order, it is a chain in the
/// rule's <see cref="ReadingLog"/>, appended to at the tail all assets share, and cut at
/// <see cref="Marks"/>. A late reading moves it to <see cref="Readings"/>, this asset's own sorted
/// list, where readings can be inserted and replayed; it goes back to the log when a prune has left
/// it short. Rules with <c>split</c> have no log.
/// </para>
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

    /// <summary>The horizon when it is not in the log; empty while it is (<see cref="Materialize"/> moves it here).</summary>
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

    /// <summary>A horizon left this short by a prune goes back to the log: copying it there costs less than a day of appends to a list of its own.</summary>
    public const int RelogLimit = 256;

    /// <summary>Transient: while the horizon is in the log, the places where it can be cut, by index.</summary>
    public SlidingList<PruneMark> Marks = new();

    // The horizon's chain in the log: its first and last entries and its length (0: not in the log).
    private long _logHead = -1;
    private long _logTail = -1;
    private int _logCount;

    /// <summary>The size of this object's fields, to within a cache line (a test checks it against the runtime's count).</summary>
    public const int FieldBytes = 320;

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

    /// <summary>The number of readings in the horizon, wherever it is.</summary>
    public int Count => Readings.Count + _logCount;

    /// <summary>Whether the horizon is a chain in the log (false when it is empty).</summary>
    public bool InLog => _logCount > 0;

    /// <summary>The log entry of the horizon's first reading, while <see cref="InLog"/>.</summary>
    public long LogHead => _logHead;

    /// <summary>Starts loading this object's fields, which all lie in its first <see cref="FieldBytes"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchFields() => Prefetch.Object(this, FieldBytes);

    /// <summary>Starts loading where an in-order reading writes: the ends of the horizon (the log's tail is shared, and hot) and of the open intervals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchTails()
    {
        if (Readings.Count > 0)
        {
            Readings.PrefetchEnd();
        }

        Open.PrefetchLast();
    }

    /// <summary>Drops the horizon (end of input, or an idle asset whose intervals were all closed); the next reading steps from the last one.</summary>
    public void ClearHorizon(ReadingLog? log)
    {
        Base = _last;
        LeaveLog(log);
        Readings.Clear();
        Snapshots.Clear();
        _sinceSnapshot = 0;
        SecondTimeFloor = long.MaxValue;
        _lastTime = long.MinValue;
    }

    /// <summary>
    /// Appends a reading at or after the last one; <paramref name="after"/> is the state its step
    /// left. Into the log when there is one and the horizon is not in a list of its own; there a
    /// reading that opened an interval (<paramref name="opened"/>) marks where a prune can cut.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddReading(ReadingLog? log, long time, double value, StepState after, bool opened)
    {
        if (Count > 0 && time > _lastTime && ++_sinceSnapshot >= SnapshotSpacing)
        {
            // _last is the state after every reading so far, all of them before this one.
            TakeSnapshot(time, _last);
        }

        if (log is not null && Readings.Count == 0)
        {
            int index = _logCount;
            long entry = ChainToLog(log, time, value);
            if (opened && index > 0)
            {
                Marks.Add(new PruneMark(index, entry, time, _lastTime, _last));
            }
        }
        else
        {
            Readings.Add(new EnergyReading { Time = time, Value = value });
        }

        LowerFloor(time);

        _last = after;
        _lastTime = time;
    }

    /// <summary>
    /// Whether an in-order reading can be an append through a head: the parameters evaluated, the
    /// horizon is a chain in the log with a baseline after it, and the floor of its second reading's
    /// time is already at or below any later reading's, so appending changes nothing but the chain.
    /// </summary>
    public bool CanLend => Seen && ParametersValid && _logCount > 0 && Readings.Count == 0 && _last.HasBaseline && _secondTimeFloor <= _lastTime;

    /// <summary>Copies into the head what an in-order reading changes, and the parameters it reads (see <see cref="EnergyHead"/>).</summary>
    public void LendTo(ref EnergyHead head)
    {
        head.Latest = Latest;
        head.BaseTime = _last.Time;
        head.BaseValue = _last.Value;
        head.LastTime = _lastTime;
        head.LogTail = _logTail;
        head.LogCount = _logCount;
        head.SinceSnapshot = _sinceSnapshot;
        head.Rate = Parameters.RateInside;
        head.PowerRange = Parameters.PowerRange ?? ValueInterval.All;
        head.Scale = Parameters.Scale;
    }

    /// <summary>Takes back from the head what the in-order readings changed while it was lent.</summary>
    public void TakeBack(in EnergyHead head)
    {
        Latest = head.Latest;
        _last = new StepState { HasBaseline = true, Value = head.BaseValue, Time = head.BaseTime };
        _lastTime = head.LastTime;
        _logTail = head.LogTail;
        _logCount = head.LogCount;
        _sinceSnapshot = head.SinceSnapshot;
    }

    /// <summary>Inserts a reading before later ones; <see cref="SetLast"/> once the steps after it are recomputed.</summary>
    public void InsertReading(int index, long time, double value)
    {
        DropSnapshotsAfter(time);
        Readings.Insert(index, new EnergyReading { Time = time, Value = value });
        LowerFloor(time);
    }

    /// <summary>Sets the value of the reading at <paramref name="index"/>; the snapshots after it are stale.</summary>
    public void ReplaceReading(int index, double value)
    {
        DropSnapshotsAfter(Readings[index].Time);
        Readings[index].Value = value;
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

    /// <summary>Drops the first readings of a list; <paramref name="after"/>, the state their steps left, becomes the base.</summary>
    public void DropReadings(int count, StepState after)
    {
        Base = after;
        Readings.RemoveFirst(count);
        DropStaleSnapshots(Readings[0].Time);
        SecondTimeFloor = Readings.Count > 1 ? Readings[1].Time : long.MaxValue;
    }

    /// <summary>
    /// Cuts a horizon in the log at its latest mark whose readings before it all lie before
    /// <paramref name="bound"/>; false when no mark allows a cut. Drops one reading more than a cut
    /// of a list (the last before the bound, which the base stands for), and reads nothing back.
    /// </summary>
    public bool DropToMark(ReadingLog log, long bound)
    {
        int cut = -1;
        for (int i = 0; i < Marks.Count && Marks[i].PreviousTime < bound; i++)
        {
            cut = i;
        }

        if (cut < 0)
        {
            return false;
        }

        PruneMark mark = Marks[cut];
        Marks.RemoveFirst(cut + 1);
        for (int i = 0; i < Marks.Count; i++)
        {
            ref PruneMark later = ref Marks[i];
            later = later with { Index = later.Index - mark.Index };
        }

        Base = mark.After;
        log.Release(mark.Index);
        _logCount -= mark.Index;
        _logHead = mark.Entry;
        DropStaleSnapshots(mark.Time);

        // The first reading's time is at or below the second's.
        SecondTimeFloor = mark.Time;
        return true;
    }

    /// <summary>Moves a horizon in the log to <see cref="Readings"/>, where late readings can be inserted.</summary>
    public void Materialize(ReadingLog? log)
    {
        if (_logCount == 0)
        {
            return;
        }

        EnergyReading[] chain = ArrayPool<EnergyReading>.Shared.Rent(_logCount);
        ReadChain(log!, chain);
        for (int i = 0; i < _logCount; i++)
        {
            Readings.Add(chain[i]);
        }

        ArrayPool<EnergyReading>.Shared.Return(chain);
        LeaveLog(log);
    }

    /// <summary>Moves a horizon in <see cref="Readings"/> to the log, in order; its marks start again with the next interval.</summary>
    public void MoveToLog(ReadingLog log)
    {
        for (int i = 0; i < Readings.Count; i++)
        {
            ref EnergyReading reading = ref Readings[i];
            ChainToLog(log, reading.Time, reading.Value);
        }

        Readings.Clear();
    }

    /// <summary>Appends a reading to the end of the horizon's chain in the log; returns its entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ChainToLog(ReadingLog log, long time, double value)
    {
        long entry = log.Append(time, value, _logTail);
        if (_logCount++ == 0)
        {
            _logHead = entry;
        }

        _logTail = entry;
        return entry;
    }

    /// <summary>The horizon's readings in the log, in order, into the first <see cref="_logCount"/> items (reading the chain back from its tail).</summary>
    private void ReadChain(ReadingLog log, EnergyReading[] chain)
    {
        long entry = _logTail;
        for (int i = _logCount - 1; i >= 0; i--)
        {
            ref readonly ReadingLog.Entry e = ref log[entry];
            chain[i] = new EnergyReading { Time = e.Time, Value = e.Value };
            entry = e.Previous;
        }
    }

    /// <summary>The times of the horizon's readings, in order, wherever it is (for tests: what is kept).</summary>
    public long[] Times(ReadingLog? log)
    {
        var times = new long[Count];
        if (_logCount > 0)
        {
            var chain = new EnergyReading[_logCount];
            ReadChain(log!, chain);
            for (int i = 0; i < chain.Length; i++)
            {
                times[i] = chain[i].Time;
            }
        }

        for (int i = 0; i < Readings.Count; i++)
        {
            times[_logCount + i] = Readings[i].Time;
        }

        return times;
    }

    private void LeaveLog(ReadingLog? log)
    {
        if (_logCount > 0)
        {
            log!.Release(_logCount);
        }

        _logCount = 0;
        _logHead = -1;
        _logTail = -1;
        Marks.Clear();
    }

    // A snapshot at or before the new first reading may stand for a state among the dropped ones.
    private void DropStaleSnapshots(long firstTime)
    {
        int stale = 0;
        while (stale < Snapshots.Count && Snapshots[stale].Time <= firstTime)
        {
            stale++;
        }

        Snapshots.RemoveFirst(stale);
    }

    // Snapshots after the time hold states that a reading inserted or replaced there changes.
    private void DropSnapshotsAfter(long time)
    {
        int keep = Snapshots.Count;
        while (keep > 0 && Snapshots[keep - 1].Time > time)
        {
            keep--;
        }

        Snapshots.Truncate(keep);
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

    public void WriteTo(CheckpointWriter writer, ReadingLog? log)
    {
        Write(writer, Base);
        Write(writer, _last);
        writer.Write(Seen);
        writer.Write(Latest);
        writer.Write(Count);
        if (_logCount > 0)
        {
            EnergyReading[] chain = ArrayPool<EnergyReading>.Shared.Rent(_logCount);
            ReadChain(log!, chain);
            for (int i = 0; i < _logCount; i++)
            {
                writer.Write(chain[i].Time);
                writer.Write(chain[i].Value);
            }

            ArrayPool<EnergyReading>.Shared.Return(chain);
        }

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

    /// <summary>
    /// Converts the readings of a state just read (<see cref="ReadFrom"/>: in its own list, with no
    /// snapshots yet) to another unit: those of a checkpoint that kept them in kWh, back to the register's,
    /// as it wrote them.
    /// </summary>
    public void ScaleReadings(double factor)
    {
        Base.Value = EnergyPrecision.Reading(Base.Value * factor);
        _last.Value = EnergyPrecision.Reading(_last.Value * factor);
        for (int i = 0; i < Readings.Count; i++)
        {
            Readings[i].Value = EnergyPrecision.Reading(Readings[i].Value * factor);
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
