using Dsl.Runtime.Records;

namespace Dsl.Runtime.Assets;

/// <summary>One entry of the asset master data file.</summary>
/// <param name="TimeZone">IANA zone id, or null to use the job's zone.</param>
/// <param name="Attributes">Attribute values by name.</param>
public sealed record AssetMasterData(
    string AssetId,
    string? ModelId,
    string? TimeZone,
    IReadOnlyDictionary<string, PointValue> Attributes);
