using Dsl.Runtime.Assets;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Records;
using Dsl.Runtime.State;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>
/// Session windows (<c>session GAP [max D]</c>) of one input point, per asset. Over the accepted
/// valid records sorted by time, a session continues while the next record is less than GAP after
/// the previous one and less than D after the session's first; it ends at
/// min(last + GAP, first + D). A record is late when it would join a session that has expired, or
/// when the session it would be in ends at e with latest-before ≥ e + lateness.
/// </summary>
public sealed class SessionWindowOperator<TInputs> : IOperator, ICheckpointedOperator
    where TInputs : struct, IWindowInputs
{
    // Configuration.
    private readonly JobContext _context;
    private readonly WindowOptions _options;
    private readonly AggregateOutput[] _outputs;
    private readonly long _gap;
    private readonly long _max;
    private readonly long _lateness;
    private readonly TInputs _inputs;

    // A chained input point: a record at the time of one held replaces it (ChainedRecords).
    private readonly bool _chained;

    // Checkpointed state: per-asset progress (state store) and the open records of each asset
    // (object state, through WriteState).
    private readonly AssetStateTable<WindowProgress> _progress;
    private SessionAssetState?[] _assets = new SessionAssetState?[16];

    // Transient scratch.
    private readonly double[] _values;
    private readonly SampleList[] _emitSamples;
    private double[] _scratch = new double[64];
    private readonly List<SessionSummary> _previous = [];
    private readonly List<SessionSummary> _beforeInsert = [];

    // The trailing section of the checkpoint: each open session's Changed flag (absent from
    // checkpoints written before it, whose sessions restore unchanged).
    private const int ChangedFlagsSection = 1;

    public SessionWindowOperator(JobContext context, string name, WindowOptions options, IReadOnlyList<AggregateOutput> outputs, TInputs inputs = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outputs);
        if (options.Window.Kind != WindowKind.Session)
        {
            throw new ArgumentException("Only session windows are run by SessionWindowOperator.", nameof(options));
        }

        _context = context;
        Name = name;
        _options = options;
        _outputs = [.. outputs];
        _gap = options.Window.GapMs;
        _max = options.Window.MaxMs > 0 ? options.Window.MaxMs : long.MaxValue / 4;
        _lateness = Math.Max(0, options.LatenessMs);
        _inputs = inputs;
        _chained = context.IsChained(options.InputPoint);
        _progress = context.Store.GetAssetTable<WindowProgress>(name + ".progress");
        _values = new double[_outputs.Length];
        _emitSamples = new SampleList[_outputs.Length];
        for (int o = 0; o < _outputs.Length; o++)
        {
            _emitSamples[o] = new SampleList();
        }
    }

    public string Name { get; }

    public void OnRecord(in InputRecord record)
    {
        WindowProgress progress = _progress[record.Asset];
        if (record.IsValid)
        {
            Accept(record, progress.Seen, progress.Latest);
        }

        if (!progress.Seen || record.Time > progress.Latest)
        {
            ref WindowProgress p = ref _progress[record.Asset];
            p.Seen = true;
            p.Latest = record.Time;
            Transition(record.Asset, record.Time, long.MinValue);
        }
    }

    public void Flush(Predicate<int> includes)
    {
        int assets = Math.Min(_context.Assets.Count, _progress.Count);
        for (int asset = 0; asset < assets; asset++)
        {
            if (_progress[asset].Seen && includes(asset))
            {
                Transition(asset, _progress[asset].Latest, long.MaxValue);
            }
        }
    }

    public long CloseIdle(int asset, long nowMs)
    {
        if (asset >= _progress.Count || !_progress[asset].Seen)
        {
            return long.MaxValue;
        }

        // A closed session stays closed: records at or before its last one are late.
        Transition(asset, _progress[asset].Latest, nowMs);
        long next = long.MaxValue;
        foreach (SessionSummary s in asset < _assets.Length ? _assets[asset]?.Sessions ?? [] : [])
        {
            next = Math.Min(next, End(s.Start, s.Last));
        }

        return next;
    }

    private void Accept(in InputRecord record, bool seen, long latestBefore)
    {
        SessionAssetState state = State(record.Asset);
        long t = record.Time;
        if (state.HasClosed && (t <= state.ClosedLast || (t - state.ClosedLast < _gap && t - state.ClosedStart < _max)))
        {
            _context.Counters.Increment(Counter.Late);
            return;
        }

        int count = state.Times.Count;
        int index = count;
        while (index > 0 && state.Times[index - 1] > t)
        {
            index--;
        }

        if (_chained && index > 0 && state.Times[index - 1] == t)
        {
            Replace(record, state, index - 1, seen, latestBefore);
            return;
        }

        if (index == count && count > 0)
        {
            // In order: extend the last session or start one, without rescanning.
            SessionSummary last = state.Sessions[^1];
            bool joins = t - last.Last < _gap && t - last.Start < _max;
            long end = joins ? End(last.Start, t) : End(t, t);
            if (seen && latestBefore >= end + _lateness)
            {
                _context.Counters.Increment(Counter.Late);
                return;
            }

            AppendRecord(state, record);
            if (joins)
            {
                last.Count++;
                last.Last = t;
                last.Changed |= last.Emitted;
                state.Sessions[^1] = last;
            }
            else
            {
                state.Sessions.Add(new SessionSummary { First = count, Count = 1, Start = t, Last = t, EarlyTick = FirstEarlyTick(t, seen, latestBefore) });
            }

            EmitUpdateIfDue(record.Asset, state, state.Sessions.Count - 1, seen, latestBefore);
            return;
        }

        _beforeInsert.Clear();
        _beforeInsert.AddRange(state.Sessions);
        InsertRecord(state, index, record);
        Rebuild(state);
        int session = SessionOf(state, index);
        SessionSummary summary = state.Sessions[session];
        if (seen && latestBefore >= End(summary.Start, summary.Last) + _lateness)
        {
            _context.Counters.Increment(Counter.Late);
            state.Times.RemoveAt(index);
            state.Values.RemoveRange(index * _outputs.Length, _outputs.Length);
            state.Sessions.Clear();
            state.Sessions.AddRange(_beforeInsert);
            return;
        }

        if (summary.Count == 1)
        {
            summary.EarlyTick = FirstEarlyTick(summary.Start, seen, latestBefore);
            state.Sessions[session] = summary;
        }

        EmitUpdateIfDue(record.Asset, state, session, seen, latestBefore);
        if (seen)
        {
            // Re-cutting at the maximum length can end a session earlier: expire it right away.
            Transition(record.Asset, latestBefore, long.MinValue);
        }
    }

    private void EmitUpdateIfDue(int asset, SessionAssetState state, int session, bool seen, long latestBefore)
    {
        SessionSummary summary = state.Sessions[session];
        if (seen && End(summary.Start, summary.Last) <= latestBefore && _options.Emit != EmitPolicy.Final)
        {
            summary.Emitted = true;
            summary.Changed = false;
            state.Sessions[session] = summary;
            Emit(asset, state, summary, CalMode.Update);
        }
    }

    /// <summary>Emits what the latest time makes due, and closes what it expires or what ends by <paramref name="closeEndingBy"/> (MaxValue: everything).</summary>
    private void Transition(int asset, long latest, long closeEndingBy)
    {
        SessionAssetState? state = asset < _assets.Length ? _assets[asset] : null;
        if (state is null)
        {
            return;
        }

        int i = 0;
        while (i < state.Sessions.Count)
        {
            SessionSummary s = state.Sessions[i];
            long end = End(s.Start, s.Last);
            if (end <= closeEndingBy || end + _lateness <= latest)
            {
                if (_options.Emit == EmitPolicy.Final || !s.Emitted || s.Changed)
                {
                    Emit(asset, state, s, _options.Emit == EmitPolicy.Final ? CalMode.Final : s.Emitted ? CalMode.Update : CalMode.Ontime);
                }

                Close(state, i);
                continue;
            }

            if (end <= latest)
            {
                if ((!s.Emitted || s.Changed) && _options.Emit != EmitPolicy.Final)
                {
                    CalMode mode = s.Emitted ? CalMode.Update : CalMode.Ontime;
                    s.Emitted = true;
                    s.Changed = false;
                    state.Sessions[i] = s;
                    Emit(asset, state, s, mode);
                }
            }
            else if (_options.Emit == EmitPolicy.Early && _options.EarlyEveryMs > 0 && !s.Emitted)
            {
                long tick = EarlyTickReached(s.Start, latest);
                if (tick > s.EarlyTick)
                {
                    s.EarlyTick = tick;
                    state.Sessions[i] = s;
                    Emit(asset, state, s, CalMode.Early);
                }
            }

            i++;
        }
    }

    /// <summary>The last early tick (start + k·D) at or before <paramref name="latest"/>; the start before the first.</summary>
    private long EarlyTickReached(long start, long latest) =>
        latest <= start ? start : start + (Durations.FloorDiv(latest - start, _options.EarlyEveryMs) * _options.EarlyEveryMs);

    /// <summary>
    /// The early tick a session opened by its first record at <paramref name="start"/> takes as
    /// passed: it had nothing to show at the ticks the point's time reached before (on invalid
    /// records), so its first partial result is at the next tick, not at once.
    /// </summary>
    private long FirstEarlyTick(long start, bool seen, long latestBefore) =>
        seen && _options.Emit == EmitPolicy.Early && _options.EarlyEveryMs > 0 ? EarlyTickReached(start, latestBefore) : start;

    private void Close(SessionAssetState state, int session)
    {
        // Sessions expire in order (their ends increase), so the expiring one is the first.
        SessionSummary s = state.Sessions[session];
        state.HasClosed = true;
        state.ClosedStart = s.Start;
        state.ClosedLast = s.Last;
        state.Times.RemoveRange(s.First, s.Count);
        state.Values.RemoveRange(s.First * _outputs.Length, s.Count * _outputs.Length);
        state.Sessions.RemoveAt(session);
        for (int i = session; i < state.Sessions.Count; i++)
        {
            SessionSummary next = state.Sessions[i];
            next.First -= s.Count;
            state.Sessions[i] = next;
        }
    }

    private void Emit(int asset, SessionAssetState state, SessionSummary session, CalMode mode)
    {
        var window = new TimeWindow(session.Start, End(session.Start, session.Last));
        long time = _options.StampEnd ? window.End : window.Start;
        for (int o = 0; o < _outputs.Length; o++)
        {
            Moments moments = default;
            SampleList samples = _emitSamples[o];
            samples.Clear();
            for (int r = session.First; r < session.First + session.Count; r++)
            {
                double v = state.Values[(r * _outputs.Length) + o];
                if (!double.IsNaN(v))
                {
                    moments.Add(state.Times[r], v);
                    if (_outputs[o].NeedsSamples)
                    {
                        samples.Add(state.Times[r], v);
                    }
                }
            }

            if ((moments.Count == 0 && (_outputs[o].Fill is null || FillSkip.LacksAttribute(_inputs, _context, o, asset, _options.InputPoint, session.Start)))
                || !AggregateMath.HasResult(_outputs[o].Kind, moments.Count))
            {
                continue;
            }

            _context.Output.EmitResult(asset, _outputs[o].Point, time, AggregateMath.Compute(_outputs[o], moments, samples, window, ref _scratch), mode);
        }
    }

    private long End(long start, long last) => Math.Min(last + _gap, start + _max);

    private SessionAssetState State(int asset)
    {
        if (asset >= _assets.Length)
        {
            Array.Resize(ref _assets, _context.Assets.CapacityFor(asset, _assets.Length));
        }

        return _assets[asset] ??= new SessionAssetState();
    }

    private void AppendRecord(SessionAssetState state, in InputRecord record) =>
        InsertRecord(state, state.Times.Count, record);

    /// <summary>
    /// A chained point's record at the time of the held record <paramref name="index"/>: a
    /// correction, which takes that record's place (sessions are cut by time, so they stay).
    /// </summary>
    private void Replace(in InputRecord record, SessionAssetState state, int index, bool seen, long latestBefore)
    {
        int session = SessionOf(state, index);
        SessionSummary summary = state.Sessions[session];
        if (seen && latestBefore >= End(summary.Start, summary.Last) + _lateness)
        {
            _context.Counters.Increment(Counter.Late);
            return;
        }

        EvaluateRow(record);
        for (int o = 0; o < _outputs.Length; o++)
        {
            state.Values[(index * _outputs.Length) + o] = _values[o];
        }

        summary.Changed |= summary.Emitted;
        state.Sessions[session] = summary;

        EmitUpdateIfDue(record.Asset, state, session, seen, latestBefore);
    }

    private void InsertRecord(SessionAssetState state, int index, in InputRecord record)
    {
        EvaluateRow(record);
        state.Times.Insert(index, record.Time);
        state.Values.InsertRange(index * _outputs.Length, _values);
    }

    /// <summary>Each output's value of the record into <c>_values</c>: NaN where it has none.</summary>
    private void EvaluateRow(in InputRecord record)
    {
        AssetScope scope = _context.Scope(record.Asset);
        bool missingAttribute = false;
        for (int o = 0; o < _outputs.Length; o++)
        {
            EvalStatus status = _inputs.Evaluate(o, record, scope, out double value);
            if (status == EvalStatus.Ok && !double.IsFinite(value))
            {
                _context.Counters.Increment(Counter.InvalidResults);
                status = EvalStatus.Filtered;
            }

            missingAttribute |= status == EvalStatus.MissingAttribute;
            _values[o] = status == EvalStatus.Ok ? value : double.NaN;
        }

        if (missingAttribute)
        {
            _context.Counters.Increment(Counter.SkippedAttribute);
        }
    }

    /// <summary>
    /// Recomputes the sessions after an out-of-order change, keeping what was emitted: a session
    /// that overlaps an emitted one counts as emitted, and as changed unless it is that same
    /// session unchanged (same start, last record and number of records).
    /// </summary>
    private void Rebuild(SessionAssetState state)
    {
        _previous.Clear();
        _previous.AddRange(state.Sessions);
        state.Sessions.Clear();
        int n = state.Times.Count;
        int first = 0;
        while (first < n)
        {
            long start = state.Times[first];
            long last = start;
            int next = first + 1;
            while (next < n && state.Times[next] - last < _gap && state.Times[next] - start < _max)
            {
                last = state.Times[next++];
            }

            var session = new SessionSummary { First = first, Count = next - first, Start = start, Last = last, EarlyTick = start };
            bool same = false;
            foreach (SessionSummary old in _previous)
            {
                if (old.Start <= last && old.Last >= start)
                {
                    session.Emitted |= old.Emitted;
                    session.EarlyTick = Math.Max(session.EarlyTick, old.EarlyTick);
                    if (old.Start == start && old.Last == last && old.Count == session.Count)
                    {
                        same = true;
                        session.Changed = old.Changed;
                    }
                }
            }

            if (!same)
            {
                session.Changed = session.Emitted;
            }

            state.Sessions.Add(session);
            first = next;
        }
    }

    private static int SessionOf(SessionAssetState state, int recordIndex)
    {
        for (int i = 0; i < state.Sessions.Count; i++)
        {
            if (recordIndex < state.Sessions[i].First + state.Sessions[i].Count)
            {
                return i;
            }
        }

        return state.Sessions.Count - 1;
    }

    public void WriteState(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_assets.Length);
        foreach (SessionAssetState? state in _assets)
        {
            writer.Write(state is not null);
            state?.WriteTo(writer);
        }

        writer.Write(ChangedFlagsSection);
        foreach (SessionAssetState? state in _assets)
        {
            foreach (SessionSummary session in state?.Sessions ?? [])
            {
                writer.Write(session.Changed);
            }
        }
    }

    public void ReadState(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int assets = reader.ReadCount();
        _assets = new SessionAssetState?[Math.Max(16, assets)];
        for (int asset = 0; asset < assets; asset++)
        {
            if (reader.ReadBoolean())
            {
                var state = new SessionAssetState();
                state.ReadFrom(reader);
                _assets[asset] = state;
            }
        }

        if (!reader.AtEnd && reader.ReadInt32() == ChangedFlagsSection)
        {
            foreach (SessionAssetState? state in _assets)
            {
                for (int i = 0; i < (state?.Sessions.Count ?? 0); i++)
                {
                    SessionSummary session = state!.Sessions[i];
                    session.Changed = reader.ReadBoolean();
                    state.Sessions[i] = session;
                }
            }
        }
    }
}
