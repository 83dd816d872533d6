using System.Text;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.Support;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// A compiled job of a small test model <c>M</c>, fed records by asset and point name (valid, in the
/// order given); its outputs read back by point name.
/// </summary>
public sealed class ModelRun : IDisposable
{
    private readonly LoadedJob _job;
    private readonly CollectingSink _sink = new();

    /// <param name="masterData">The assets' master data, as in an assets file; none when null.</param>
    /// <param name="derivedElsewhere">Points another job derives, which the job reads as chained.</param>
    public ModelRun(string source, string? masterData = null, IReadOnlySet<(string ModelId, string PointId)>? derivedElsewhere = null)
    {
        _job = LoadedJob.Load(CompiledOracleJobs.Image(source), "model_run");
        var assets = masterData is null ? null : AssetMasterDataReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(masterData)));
        Session = new JobSession(_job.Job, _sink, new JobSessionOptions(assets, DerivedElsewhere: derivedElsewhere));
    }

    public JobSession Session { get; }

    public RunCounters Counters => Session.Counters;

    /// <summary>The outputs so far, as (point, time, value).</summary>
    public List<(string Point, long Time, double Value)> Outputs =>
        [.. _sink.Records.Select(r => (Session.Points[r.Point].PointId, r.Time, r.Value))];

    /// <summary>The outputs so far, with their asset and mode.</summary>
    public List<(string Asset, string Point, long Time, double Value, CalMode Mode)> Records =>
        [.. _sink.Records.Select(r => (Session.Assets.Id(r.Asset), Session.Points[r.Point].PointId, r.Time, r.Value, r.Mode))];

    public ModelRun Add(string point, long time, double value, string? text = null, string asset = "a")
    {
        int slot = Session.Points.Slot("M", point);
        Session.Process(new InputRecord(Session.Assets.GetOrAdd(asset, Session.Points.ModelOf(slot)), slot, time, value, text, 0, IsValid: true));
        return this;
    }

    public ModelRun Complete()
    {
        Session.Complete();
        return this;
    }

    public void Dispose() => _job.Dispose();
}
