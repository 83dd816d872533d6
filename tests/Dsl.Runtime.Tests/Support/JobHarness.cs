using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Tests.Support;

/// <summary>Runs a job on test records (already resolved, bypassing JSON) and collects its outputs.</summary>
public sealed class JobHarness
{
    private readonly CollectingSink _sink = new();

    public JobHarness(CompiledJob job, IReadOnlyList<AssetMasterData>? assets = null)
    {
        Session = new JobSession(job, _sink, new JobSessionOptions(Assets: assets));
    }

    public JobSession Session { get; }

    public RunCounters Counters => Session.Counters;

    public static List<Emitted> Run(CompiledJob job, IEnumerable<TestRecord> records, IReadOnlyList<AssetMasterData>? assets = null)
    {
        var harness = new JobHarness(job, assets);
        harness.Feed(records);
        harness.Complete();
        return harness.Outputs;
    }

    public List<Emitted> Outputs
    {
        get
        {
            var result = new List<Emitted>(_sink.Records.Count);
            foreach (OutputRecord r in _sink.Records)
            {
                result.Add(new Emitted(Session.Assets.Id(r.Asset), r.Point, Session.Points[r.Point].PointId, r.Time, r.Value, r.Text, r.Mode));
            }

            return result;
        }
    }

    public void Feed(IEnumerable<TestRecord> records)
    {
        foreach (TestRecord record in records)
        {
            Feed(record);
        }
    }

    public void Feed(TestRecord record)
    {
        int model = Session.Points.ModelOf(record.Point);
        int asset = Session.Assets.GetOrAdd(record.Asset, model);
        Session.Process(new InputRecord(asset, record.Point, record.Time, record.Value, null, 0, Session.Points.IsValid(record.Point, record.Value)));
    }

    public void Complete() => Session.Complete();

    public void ClearOutputs() => _sink.Records.Clear();
}
