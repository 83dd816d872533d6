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
        IOutputSink sink)
    {
        Manifest = manifest;
        Points = points;
        Assets = assets;
        Store = store;
        Counters = counters;
        Output = new OutputRouter(manifest, points, counters, sink);
    }

    public JobManifest Manifest { get; }

    public PointTable Points { get; }

    public AssetTable Assets { get; }

    public IStateStore Store { get; }

    public RunCounters Counters { get; }

    /// <summary>Where operators emit; it also feeds chained outputs back into the job.</summary>
    public OutputRouter Output { get; }

    /// <summary>
    /// Whether the point is chained: derived by a rule of the job and read by another. Its records
    /// form a series with one value per time, where a later record at a time corrects the earlier
    /// one (an <c>update</c> of the rule that derives it), and the rules that read it replace the
    /// value they hold rather than adding the correction to it.
    /// </summary>
    public bool IsChained(int point) =>
        point >= 0 && point < Manifest.Points.Count && Manifest.Points[point] is { IsInput: true, IsOutput: true };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public AssetScope Scope(int asset) => new(Assets, asset);
}
