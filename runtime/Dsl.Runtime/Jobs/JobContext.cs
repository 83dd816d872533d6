using System.Runtime.CompilerServices;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;
using Dsl.Runtime.Sinks;
using Dsl.Runtime.State;

namespace Dsl.Runtime.Jobs;

/// <summary>The services of one run that operators are built with.</summary>
public sealed class JobContext
{
    public JobContext(
        JobManifest manifest,
        PointTable points,
        AssetTable assets,
        IStateStore store,
        RunCounters counters,
        IOutputSink sink,
        IReadOnlySet<(string ModelId, string PointId)>? derivedElsewhere = null)
    {
        Manifest = manifest;
        Points = points;
        Assets = assets;
        Store = store;
        Counters = counters;
        Output = new OutputRouter(manifest, points, counters, sink);
        _derivedElsewhere = derivedElsewhere;
    }

    // Points that other jobs derive into the channel this job reads (the daemon's released jobs).
    private readonly IReadOnlySet<(string ModelId, string PointId)>? _derivedElsewhere;

    public JobManifest Manifest { get; }

    public PointTable Points { get; }

    public AssetTable Assets { get; }

    public IStateStore Store { get; }

    public RunCounters Counters { get; }

    /// <summary>Where operators emit; it also feeds chained outputs back into the job.</summary>
    public OutputRouter Output { get; }

    /// <summary>
    /// Whether the point is chained: read by a rule of the job and derived by another rule, of the
    /// job or of another job whose outputs reach it through the channel. Its records form a series
    /// with one value per time, where a later record at a time corrects the earlier one (an
    /// <c>update</c> of the rule that derives it), and the rules that read it replace the value
    /// they hold rather than adding the correction to it.
    /// </summary>
    public bool IsChained(int point) =>
        point >= 0 && point < Manifest.Points.Count && Manifest.Points[point] is { IsInput: true } p
        && (p.IsOutput || _derivedElsewhere?.Contains((p.ModelId, p.PointId)) == true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public AssetScope Scope(int asset) => new(Assets, asset);
}
