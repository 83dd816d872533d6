namespace Dsl.Runtime.Jobs;

/// <summary>Everything the runtime knows about a compiled job besides its code.</summary>
/// <param name="Version">Short hash of the job's source; written to <c>attr.version</c>.</param>
/// <param name="TimeZone">IANA zone used for assets without their own zone.</param>
/// <param name="DefaultLatenessMs">The <c>lateness</c> setting; operators receive their effective lateness in their options.</param>
/// <param name="IdleMs">Realtime: an asset silent this long (processing time) has its due windows closed.</param>
/// <param name="Points">Every point of the job; the index is the point slot.</param>
public sealed record JobManifest(
    string Name,
    string Version,
    JobChannel Channel,
    string TimeZone,
    long DefaultLatenessMs,
    long IdleMs,
    IReadOnlyList<ModelManifest> Models,
    IReadOnlyList<PointManifest> Points,
    IReadOnlyList<OperatorManifest> Operators);
