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

    // Whether any point is chained: most jobs have none, and then an output needs no look at _chained.
    private readonly bool _anyChained;
    private JobInstance? _instance;

    internal OutputRouter(JobManifest manifest, PointTable points, RunCounters counters, IOutputSink sink)
    {
        _points = points;
        _counters = counters;
        _sink = sink;
        _chained = new bool[manifest.Points.Count];
        for (int i = 0; i < _chained.Length; i++)
        {
            _chained[i] = manifest.Points[i].IsInput && manifest.Points[i].IsOutput;
            _anyChained |= _chained[i];
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
    /// Emits a window's result, or counts it in <c>invalid_results</c> when it is NaN or infinite:
    /// finite values can add up beyond the range of a double (a sum, a spread, an integral), and
    /// such a result is never written, as an expression's is not.
    /// </summary>
    public void EmitResult(int asset, int point, long time, double value, CalMode mode)
    {
        if (double.IsFinite(value))
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
