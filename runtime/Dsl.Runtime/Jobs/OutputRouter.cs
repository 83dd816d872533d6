using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;
using Dsl.Runtime.Sinks;

namespace Dsl.Runtime.Jobs;

/// <summary>
/// The emit path of a run. Every output goes to the sink; an output of a point that another rule
/// of the job reads (a chained point) is also dispatched back into the job as an input record,
/// synchronously, after the emitting operator has updated its state. Rule graphs are acyclic, so
/// an operator is never re-entered by its own output.
/// </summary>
public sealed class OutputRouter
{
    private readonly PointTable _points;
    private readonly RunCounters _counters;
    private readonly IOutputSink _sink;
    private readonly bool[] _chained;

    // The range a window's result must lie in to be written to each point, [low, high): a long or
    // int point's, else every finite double.
    private readonly (double Low, double High)[] _resultRanges;

    // Whether any point is chained: most jobs have none, and then an output needs no look at _chained.
    private readonly bool _anyChained;
    private JobInstance? _instance;

    internal OutputRouter(JobManifest manifest, PointTable points, RunCounters counters, IOutputSink sink)
    {
        _points = points;
        _counters = counters;
        _sink = sink;
        _chained = new bool[manifest.Points.Count];
        _resultRanges = new (double, double)[manifest.Points.Count];
        for (int i = 0; i < _chained.Length; i++)
        {
            _chained[i] = manifest.Points[i].IsInput && manifest.Points[i].IsOutput;
            _anyChained |= _chained[i];
            _resultRanges[i] = manifest.Points[i].ValueType switch
            {
                PointValueType.Long => (-9223372036854775808d, 9223372036854775808d),
                PointValueType.Int => (int.MinValue, int.MaxValue + 1d),
                _ => (double.MinValue, double.PositiveInfinity),
            };
        }
    }

    public void Emit(in OutputRecord record)
    {
        _counters.Increment(Counter.Outputs);
        _sink.Write(record);
        if (_anyChained && _chained[record.Point] && _instance is not null)
        {
            var input = new InputRecord(
                record.Asset,
                record.Point,
                record.Time,
                record.Value,
                record.Text,
                0,
                _points.IsValid(record.Point, record.Value),
                IsCorrection: record.Mode == CalMode.Update);
            _instance.OnRecord(input);
        }
    }

    public void Emit(int asset, int point, long time, double value, CalMode mode) =>
        Emit(new OutputRecord(asset, point, time, value, null, mode));

    /// <summary>
    /// Emits a window's result, or counts it in <c>invalid_results</c> when it is NaN or infinite
    /// or beyond its point's type: finite values can add up beyond the range of a double (a sum, a
    /// spread, an integral), and the sum or spread of long values beyond a long's. Such a result is
    /// never written: a long point would get its nearest bound, a value no reading gave.
    /// </summary>
    public void EmitResult(int asset, int point, long time, double value, CalMode mode)
    {
        (double low, double high) = _resultRanges[point];
        if (value >= low && value < high)
        {
            Emit(asset, point, time, value, mode);
        }
        else
        {
            _counters.Increment(Counter.InvalidResults);
        }
    }

    internal void Bind(JobInstance instance) => _instance = instance;
}
