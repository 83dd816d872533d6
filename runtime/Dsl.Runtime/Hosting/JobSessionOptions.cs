using Dsl.Runtime.Assets;
using Dsl.Runtime.State;

namespace Dsl.Runtime.Hosting;

/// <summary>Options of one run of a job.</summary>
/// <param name="Assets">Asset master data (zones and attribute values); optional.</param>
/// <param name="ErrorLog">Where rejected lines are described; null to only count them.</param>
/// <param name="FullErrorsPerReason">How many rejected lines of each reason are written in full.</param>
/// <param name="Store">The state store; an in-memory one when null.</param>
/// <param name="DerivedElsewhere">Points that other jobs derive into the channel the job reads: they
/// are chained (<see cref="Jobs.JobContext.IsChained"/>) as the job's own derived points are.</param>
public sealed record JobSessionOptions(
    IReadOnlyList<AssetMasterData>? Assets = null,
    TextWriter? ErrorLog = null,
    int FullErrorsPerReason = 5,
    IStateStore? Store = null,
    IReadOnlySet<(string ModelId, string PointId)>? DerivedElsewhere = null);
