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
public sealed class MergeOperator<TOutputs> : IOperator, ICheckpointedOperator
    where TOutputs : struct, IMergeOutputs
{
    // Configuration.
    private readonly JobContext _context;
    private readonly MergeOptions _options;
    private readonly int[] _outputPoints;
    private readonly int _inputCount;
    private readonly TOutputs _outputs;

    // Checkpointed state: per-asset grid progress (state store) and per-(asset, input) value
    // histories (object state, through WriteState).
    private readonly IAssetStateTable<MergeProgress> _progress;
    private ValueHistory?[]?[] _histories = new ValueHistory?[]?[16];

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
        _progress = context.Store.GetAssetTable<MergeProgress>(name + ".progress");
    }

    public string Name { get; }

    /// <summary>Hot path: a record of input <paramref name="input"/> (index in <see cref="MergeOptions.InputPoints"/>).</summary>
    public void OnRecord(in InputRecord record, int input)
    {
        int asset = record.Asset;
        if (record.IsValid)
        {
            History(asset, input).Add(record.Time, record.Value, record.Text, _options.RetentionMs);
            if (_options.Trigger == MergeTrigger.OnPoint && input == _options.TriggerInput)
            {
                Evaluate(asset, record.Time);
            }
        }

        if (_options.Trigger == MergeTrigger.Every)
        {
            ref MergeProgress progress = ref _progress[asset];
            if (!progress.Seen)
            {
                progress.Seen = true;
                progress.Latest = record.Time;
                TimeWindow first = _options.Grid.Containing(record.Time, _context.Assets.Zone(asset));
                TimeWindow start = first.Start == record.Time ? first : _options.Grid.Next(first, _context.Assets.Zone(asset));
                progress.NextGrid = start.Start;
                progress.NextGridEnd = start.End;
            }
            else if (record.Time > progress.Latest)
            {
                progress.Latest = record.Time;
            }

            EvaluateGrid(asset, inclusive: false);
        }
    }

    public void Flush()
    {
        if (_options.Trigger != MergeTrigger.Every)
        {
            return;
        }

        int assets = Math.Min(_context.Assets.Count, _progress.Count);
        for (int asset = 0; asset < assets; asset++)
        {
            if (_progress[asset].Seen)
            {
                EvaluateGrid(asset, inclusive: true);
            }
        }
    }

    /// <summary>Merges wait for event time; an idle asset simply has no grid times passed.</summary>
    public void CloseIdle(int asset)
    {
    }

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
            Evaluate(asset, progress.NextGrid);
        }
    }

    private void Evaluate(int asset, long time)
    {
        var scope = new MergeScope(Row(asset), time, _options.HoldMs, _context.Scope(asset));
        for (int o = 0; o < _outputPoints.Length; o++)
        {
            EvalStatus status = _outputs.Evaluate(o, scope, out PointValue value);
            switch (status)
            {
                case EvalStatus.Ok when value.Text is not null || double.IsFinite(value.Number):
                    _context.Output.Emit(new OutputRecord(asset, _outputPoints[o], time, value.Number, value.Text, CalMode.Ontime));
                    break;
                case EvalStatus.Ok:
                    _context.Counters.Increment(Counter.InvalidResults);
                    break;
                case EvalStatus.Missing:
                    _context.Counters.Increment(Counter.SkippedMissing);
                    break;
                case EvalStatus.MissingAttribute:
                    _context.Counters.Increment(Counter.SkippedAttribute);
                    break;
                default:
                    break;
            }
        }
    }

    private ValueHistory?[] Row(int asset)
    {
        if (asset >= _histories.Length)
        {
            Array.Resize(ref _histories, Math.Max(asset + 1, _histories.Length * 2));
        }

        return _histories[asset] ??= new ValueHistory?[_inputCount];
    }

    private ValueHistory History(int asset, int input)
    {
        ValueHistory?[] row = Row(asset);
        return row[input] ??= new ValueHistory();
    }

    public void WriteState(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_histories.Length);
        foreach (ValueHistory?[]? row in _histories)
        {
            writer.Write(row is not null);
            if (row is null)
            {
                continue;
            }

            foreach (ValueHistory? history in row)
            {
                writer.Write(history is not null);
                history?.WriteTo(writer);
            }
        }
    }

    public void ReadState(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int assets = reader.ReadCount();
        _histories = new ValueHistory?[]?[Math.Max(16, assets)];
        for (int asset = 0; asset < assets; asset++)
        {
            if (!reader.ReadBoolean())
            {
                continue;
            }

            ValueHistory?[] row = Row(asset);
            for (int input = 0; input < _inputCount; input++)
            {
                if (reader.ReadBoolean())
                {
                    var history = new ValueHistory();
                    history.ReadFrom(reader);
                    row[input] = history;
                }
            }
        }
    }
}
