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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public AssetScope Scope(int asset) => new(Assets, asset);
}
