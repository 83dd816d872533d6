using System.Runtime.CompilerServices;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Merge;

/// <summary>
/// Where a merge block's <see cref="IMergeOutputs.EvaluateAll"/> puts each output's result, at one
/// evaluation: emitted when it is a value (a number must be finite), otherwise counted as skipped,
/// unless the evaluation is made again for a correction (its skipped outputs were counted the
/// first time).
/// </summary>
public readonly struct MergeEmitter
{
    private readonly OutputRouter _output;
    private readonly RunCounters _counters;
    private readonly int[] _points;
    private readonly int _asset;
    private readonly long _time;
    private readonly CalMode _mode;
    private readonly bool _countSkipped;

    internal MergeEmitter(OutputRouter output, RunCounters counters, int[] points, int asset, long time, CalMode mode, bool countSkipped)
    {
        _output = output;
        _counters = counters;
        _points = points;
        _asset = asset;
        _time = time;
        _mode = mode;
        _countSkipped = countSkipped;
    }

    /// <summary>The result of output <paramref name="output"/> (its index in the block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Result(int output, EvalStatus status, PointValue value)
    {
        if (status == EvalStatus.Ok && (value.Text is not null || double.IsFinite(value.Number)))
        {
            _output.Emit(new OutputRecord(_asset, _points[output], _time, value.Number, value.Text, _mode));
        }
        else if (_countSkipped)
        {
            CountSkipped(_counters, status);
        }
    }

    private static void CountSkipped(RunCounters counters, EvalStatus status)
    {
        switch (status)
        {
            case EvalStatus.Ok:
                counters.Increment(Counter.InvalidResults);
                break;
            case EvalStatus.Missing:
                counters.Increment(Counter.SkippedMissing);
                break;
            case EvalStatus.MissingAttribute:
                counters.Increment(Counter.SkippedAttribute);
                break;
            default:
                break;
        }
    }
}
