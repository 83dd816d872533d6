using Dsl.Runtime.Assets;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;
using Dsl.Runtime.State;

namespace Dsl.Runtime.Tests.Support;

/// <summary>
/// Runs a job with durable state on test records. The input position is the index of the next
/// record in the test's list; disposing without a checkpoint is what a crash leaves behind.
/// </summary>
public sealed class DurableHarness : IDisposable
{
    /// <summary>Small enough that FASTER instances are cheap to create in tests.</summary>
    public static StateStoreOptions SmallStore { get; } = new(8L << 20);

    public DurableHarness(
        CompiledJob job,
        string directory,
        List<Emitted> output,
        IReadOnlyList<AssetMasterData>? assets = null,
        StateStoreOptions? store = null,
        IReadOnlySet<(string ModelId, string PointId)>? derivedElsewhere = null)
    {
        Host = DurableJobHost.Start(
            job,
            new DurableJobOptions(directory, new JobSessionOptions(Assets: assets, DerivedElsewhere: derivedElsewhere), store ?? SmallStore),
            (_, points, table) => new DurableOutput(output, points, table));
    }

    public DurableJobHost Host { get; }

    /// <summary>Index of the next record to feed: where the last checkpoint left the input.</summary>
    public int Next => (int)Host.Position.Offset;

    public static InputPosition At(int index) => new(index, index);

    public void Feed(IReadOnlyList<TestRecord> records, int from, int to)
    {
        JobSession session = Host.Session;
        for (int i = from; i < to; i++)
        {
            TestRecord record = records[i];
            int asset = session.Assets.GetOrAdd(record.Asset, session.Points.ModelOf(record.Point));
            session.Process(new InputRecord(asset, record.Point, record.Time, record.Value, null, 0, session.Points.IsValid(record.Point, record.Value)));
        }
    }

    public void Dispose() => Host.Dispose();
}
