using Dsl.Runtime.Assets;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;
using Dsl.Runtime.Sinks;

namespace Dsl.Runtime.Tests.Support;

/// <summary>
/// A sink that plays a durable output in memory: the list outlives the hosts that write to it, as
/// a file outlives a process; a checkpoint commits its length and a restore truncates it to that.
/// </summary>
public sealed class DurableOutput(List<Emitted> records, PointTable points, AssetTable assets) : ICommittableSink
{
    public void Write(in OutputRecord record) =>
        records.Add(new Emitted(assets.Id(record.Asset), record.Point, points[record.Point].PointId, record.Time, record.Value, record.Text, record.Mode));

    public void Flush()
    {
    }

    public OutputPosition Commit() => new(records.Count);

    public void Rewind(OutputPosition position)
    {
        if (records.Count < position.Position)
        {
            throw new StateException(RuntimeErrors.OutputChanged, "the test output", "the state directory", $"{records.Count} records, {position.Position} committed");
        }

        records.RemoveRange((int)position.Position, records.Count - (int)position.Position);
    }
}
