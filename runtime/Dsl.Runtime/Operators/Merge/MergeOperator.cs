using System.Runtime.CompilerServices;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;
using Dsl.Runtime.State;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Merge;

/// <summary>
/// A merge block: keeps recent values of its input points per asset and evaluates the generated
/// expressions on each trigger record (<c>on P</c>) or grid time (<c>every D</c>).
/// </summary>
public sealed partial class MergeOperator<TOutputs> : IOperator, ICheckpointedOperator
    where TOutputs : struct, IMergeOutputs
{
    private const int InitialAssetCapacity = 16;

    // Configuration.
    private readonly JobContext _context;
    private readonly MergeOptions _options;
    private readonly int[] _outputPoints;
    private readonly int _inputCount;
    private readonly TOutputs _outputs;

    // Configuration read on every record, copied out of the options and context so that the hot
    // path loads fields instead of calling properties.
    private readonly int _evaluateOnInput;
    private readonly bool _keepTriggerHistory;
    private readonly bool _every;
    private readonly long _holdMs;
    private readonly long _retentionMs;
    private readonly AssetTable _assets;
    private readonly OutputRouter _output;
    private readonly RunCounters _counters;

    // Per input: whether it is chained (a point a rule of the job derives). A record of one at a
    // time already kept replaces the value kept, and the evaluations it changes are made again.
    private readonly bool[] _chained;
    private readonly bool _anyChained;

    // Per input: whether an output reads its earlier values (prev, delta, rate), so that a
    // correction of it also changes the evaluations that took it as the value before the latest.
    private readonly bool[] _readsHistory;

    // Checkpointed state: per-asset grid progress (state store) and per-(asset, input) recent
    // values (object state, through WriteState); asset a's input i is slot a * inputs + i.
    private readonly AssetStateTable<MergeProgress> _progress;
    private MergeValues _values;
    private int _assetCapacity;

    public MergeOperator(JobContext context, string name, MergeOptions options, TOutputs outputs = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        _context = context;
        Name = name;
        _options = options;
        _outputPoints = [.. options.OutputPoints];
        _inputCount = options.InputPoints.Count;
        _outputs = outputs;
        _evaluateOnInput = options.Trigger == MergeTrigger.OnPoint ? options.TriggerInput : -1;
        _chained = [.. options.InputPoints.Select(context.IsChained)];
        _anyChained = _chained.Contains(true);
        _readsHistory = new bool[_inputCount];
        for (int input = 0; input < _inputCount; input++)
        {
            _readsHistory[input] = options.HistoryInputs?.Contains(input) ?? true;
        }

        if (_evaluateOnInput >= 0 && !options.KeepTriggerHistory)
        {
            _readsHistory[_evaluateOnInput] = false;
        }

        // Evaluating the triggers a correction changes again takes their values.
        _keepTriggerHistory = options.KeepTriggerHistory || _anyChained;
        _every = options.Trigger == MergeTrigger.Every;
        _skipsExpiredGaps = _every && !options.ReadsEvaluationTime && options.HoldMs != long.MaxValue && !options.Grid.IsCalendar;
        _holdMs = options.HoldMs;
        _retentionMs = options.RetentionMs;
        _assets = context.Assets;
        _output = context.Output;
        _counters = context.Counters;
        _progress = context.Store.GetAssetTable<MergeProgress>(name + ".progress");
        _assetCapacity = InitialAssetCapacity;
        _values = new MergeValues(InitialAssetCapacity * _inputCount);
    }

    public string Name { get; }

    /// <summary>A record of input <paramref name="input"/> (index in <see cref="MergeOptions.InputPoints"/>), for any trigger.</summary>
    public void OnRecord(in InputRecord record, int input)
    {
        if (_every)
        {
            OnValue(record, input);
            OnEveryRecord(record.Asset, record.Time);
        }
        else if (input == _evaluateOnInput)
        {
            OnTrigger(record);
        }
        else
        {
            OnValue(record, input);
        }
    }

    /// <summary>
    /// Hot path of an <c>on P</c> block: a record of its trigger point (input 0 in generated jobs).
    /// Generated dispatch calls it, or <see cref="OnValue"/>, by the point, so neither tests the
    /// trigger per record.
    /// </summary>
    /// <remarks>
    /// Inlined into the generated loop is only the usual case: a valid trigger of a block that
    /// keeps none of its trigger's values (nothing to correct, nothing to keep) for an asset with
    /// slots; the rest is a call, so that the loop stays small enough to keep its values in registers.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnTrigger(in InputRecord record)
    {
        if (!_keepTriggerHistory && record.IsValid && record.Asset < _assetCapacity)
        {
            EvaluateOnTime(record);
        }
        else
        {
            OnTriggerGeneral(record);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnTriggerGeneral(in InputRecord record)
    {
        if (record.IsValid)
        {
            CalMode mode = CalMode.Ontime;
            bool replaced = false;
            if (_keepTriggerHistory)
            {
                // A chained trigger at a time already evaluated corrects that evaluation.
                mode = Keep(record, _evaluateOnInput, out replaced) ? CalMode.Update : CalMode.Ontime;
            }
            else
            {
                EnsureAsset(record.Asset);
            }

            if (replaced)
            {
                // The trigger it replaces was evaluated, and counted, on its arrival.
                Reevaluate(record);
            }
            else
            {
                Evaluate(record, mode);
            }

            if (mode == CalMode.Update)
            {
                // And the triggers after it that read it as the value before theirs.
                ReevaluateAfterTrigger(record.Asset, record.Time);
            }
        }
        else if (_anyChained && _chained[_evaluateOnInput])
        {
            Drop(record, _evaluateOnInput);
        }
    }

    /// <summary>
    /// Hot path of an <c>on P</c> block: a record of another input; it only updates the values.
    /// Inlined is only a valid numeric record at or after its slot's latest value, of a block
    /// without chained inputs; the rest is a call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnValue(in InputRecord record, int input)
    {
        int asset = record.Asset;
        if (_anyChained || !record.IsValid || asset >= _assetCapacity
            || !_values.TryAddInOrder((asset * _inputCount) + input, record.Time, record.Value, record.Text, _retentionMs))
        {
            OnValueGeneral(record, input);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnValueGeneral(in InputRecord record, int input)
    {
        if (record.IsValid)
        {
            if (Keep(record, input, out _))
            {
                Reevaluate(record.Asset, input, record.Time);
            }
        }
        else if (_anyChained && _chained[input])
        {
            Drop(record, input);
        }
    }

    /// <summary>
    /// Keeps a valid record's value: added, or in place of the value a chained input has at its
    /// time (<paramref name="replaced"/>). True when it corrects what was evaluated: a chained
    /// input's value that replaced one, or that comes as an <c>update</c>.
    /// </summary>
    private bool Keep(in InputRecord record, int input, out bool replaced)
    {
        int asset = record.Asset;
        EnsureAsset(asset);
        int slot = (asset * _inputCount) + input;
        replaced = false;
        if (_anyChained && _chained[input])
        {
            if (_values.TryReplace(slot, record.Time, record.Value, record.Text))
            {
                replaced = true;
                return true;
            }

            _values.Add(slot, record.Time, record.Value, record.Text, _retentionMs);
            return record.IsCorrection;
        }

        _values.Add(slot, record.Time, record.Value, record.Text, _retentionMs);
        return false;
    }

    private void OnEveryRecord(int asset, long time)
    {
        ref MergeProgress progress = ref _progress[asset];
        if (!progress.Seen)
        {
            progress.Seen = true;
            progress.Latest = time;
            TimeWindow first = _options.Grid.Containing(time, _assets.Zone(asset));
            TimeWindow start = first.Start == time ? first : _options.Grid.Next(first, _assets.Zone(asset));
            progress.NextGrid = start.Start;
            progress.NextGridEnd = start.End;
        }
        else if (time > progress.Latest)
        {
            progress.Latest = time;
        }

        EvaluateGrid(asset, inclusive: false);
    }

    public void Flush(Predicate<int> includes)
    {
        if (_options.Trigger != MergeTrigger.Every)
        {
            return;
        }

        int assets = Math.Min(_context.Assets.Count, _progress.Count);
        for (int asset = 0; asset < assets; asset++)
        {
            if (_progress[asset].Seen && includes(asset))
            {
                EvaluateGrid(asset, inclusive: true);
            }
        }
    }

    /// <summary>Merges wait for event time; an idle asset simply has no grid times passed.</summary>
    public long CloseIdle(int asset, long nowMs) => long.MaxValue;

    private void EvaluateGrid(int asset, bool inclusive)
    {
        while (true)
        {
            MergeProgress progress = _progress[asset];
            bool due = inclusive ? progress.NextGrid <= progress.Latest : progress.NextGrid < progress.Latest;
            if (!due)
            {
                return;
            }

            TimeWindow next = _options.Grid.Next(new TimeWindow(progress.NextGrid, progress.NextGridEnd), _context.Assets.Zone(asset));
            ref MergeProgress p = ref _progress[asset];
            p.NextGrid = next.Start;
            p.NextGridEnd = next.End;
            if (_skipsExpiredGaps)
            {
                EvaluateBeforeGap(asset, progress.NextGrid);
            }
            else
            {
                Evaluate(asset, progress.NextGrid);
            }
        }
    }

    private void Evaluate(int asset, long time, CalMode mode = CalMode.Ontime)
    {
        EnsureAsset(asset);
        Evaluate(asset, new MergeScope(_values, asset * _inputCount, time, _holdMs, new AssetScope(_assets, asset)), mode);
    }

    /// <summary>An <c>on P</c> evaluation: at the trigger record's time, with its value for P.</summary>
    private void Evaluate(in InputRecord trigger, CalMode mode) =>
        Evaluate(trigger.Asset, trigger.Time, trigger.Value, trigger.Text, mode);

    private void Evaluate(int asset, long time, double triggerValue, string? triggerText, CalMode mode) =>
        Evaluate(asset, new MergeScope(_values, asset * _inputCount, time, _holdMs, new AssetScope(_assets, asset), _evaluateOnInput, triggerValue, triggerText), mode);

    /// <summary>An <c>on P</c> evaluation of a trigger in order, inlined into <see cref="OnTrigger"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EvaluateOnTime(in InputRecord trigger)
    {
        int asset = trigger.Asset;
        _outputs.EvaluateAll(
            new MergeScope(_values, asset * _inputCount, trigger.Time, _holdMs, new AssetScope(_assets, asset), _evaluateOnInput, trigger.Value, trigger.Text),
            new MergeEmitter(_output, _counters, _outputPoints, asset, trigger.Time, CalMode.Ontime, countSkipped: !_reevaluating));
    }

    /// <summary>
    /// Emits the outputs at the scope's time. An evaluation made again for a correction
    /// (<see cref="Reevaluate"/>) is an <see cref="CalMode.Update"/>, and its skipped outputs were
    /// counted the first time.
    /// </summary>
    private void Evaluate(int asset, in MergeScope scope, CalMode mode) =>
        _outputs.EvaluateAll(scope, new MergeEmitter(_output, _counters, _outputPoints, asset, scope.Time, mode, countSkipped: !_reevaluating));

    private void EnsureAsset(int asset)
    {
        if (asset >= _assetCapacity)
        {
            GrowAssets(asset);
        }
    }

    private void GrowAssets(int asset)
    {
        _assetCapacity = _assets.CapacityFor(asset, _assetCapacity);
        _values.EnsureSlots(_assetCapacity * _inputCount);
    }

    // The checkpoint keeps one row per asset: a flag, then per input a flag and the values.
    public void WriteState(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_assetCapacity);
        for (int asset = 0; asset < _assetCapacity; asset++)
        {
            int first = asset * _inputCount;
            bool any = false;
            for (int input = 0; input < _inputCount; input++)
            {
                any |= _values.HasValues(first + input);
            }

            writer.Write(any);
            if (!any)
            {
                continue;
            }

            for (int input = 0; input < _inputCount; input++)
            {
                bool has = _values.HasValues(first + input);
                writer.Write(has);
                if (has)
                {
                    _values.WriteSlot(first + input, writer);
                }
            }
        }
    }

    public void ReadState(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int assets = reader.ReadCount();
        _assetCapacity = Math.Max(InitialAssetCapacity, assets);
        _values = new MergeValues(_assetCapacity * _inputCount);
        for (int asset = 0; asset < assets; asset++)
        {
            if (!reader.ReadBoolean())
            {
                continue;
            }

            for (int input = 0; input < _inputCount; input++)
            {
                if (reader.ReadBoolean())
                {
                    _values.ReadSlot((asset * _inputCount) + input, reader);
                }
            }
        }
    }
}
