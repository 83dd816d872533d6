using Dsl.Runtime.Records;

namespace Dsl.Runtime.Assets;

/// <summary>One entry of the asset master data file.</summary>
/// <param name="TimeZone">IANA zone id, or null to use the job's zone.</param>
/// <param name="Attributes">Attribute values by name.</param>
/// <param name="AttributeTypes">
/// The type each attribute's JSON value has (a number without a fraction is a <c>long</c>), checked
/// against the job's declarations, since <see cref="PointValue"/> holds a bool as a number.
/// </param>
public sealed record AssetMasterData(
    string AssetId,
    string? ModelId,
    string? TimeZone,
    IReadOnlyDictionary<string, PointValue> Attributes,
    IReadOnlyDictionary<string, PointValueType>? AttributeTypes = null);
