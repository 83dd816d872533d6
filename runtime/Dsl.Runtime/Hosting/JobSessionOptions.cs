using Dsl.Runtime.Assets;
using Dsl.Runtime.State;

namespace Dsl.Runtime.Hosting;

/// <summary>Options of one run of a job.</summary>
/// <param name="Assets">Asset master data (zones and attribute values); optional.</param>
/// <param name="ErrorLog">Where rejected lines are described; null to only count them.</param>
/// <param name="FullErrorsPerReason">How many rejected lines of each reason are written in full.</param>
/// <param name="Store">The state store; an in-memory one when null.</param>
public sealed record JobSessionOptions(
    IReadOnlyList<AssetMasterData>? Assets = null,
    TextWriter? ErrorLog = null,
    int FullErrorsPerReason = 5,
    IStateStore? Store = null);
