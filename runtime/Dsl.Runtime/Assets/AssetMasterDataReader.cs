using System.Text.Json;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Assets;

/// <summary>
/// Reads <c>[{"assetId","modelId","timezone","attributes":{…}}]</c>. The file is configuration, so
/// any defect stops the run with a message naming the entry, rather than being skipped.
/// </summary>
public static class AssetMasterDataReader
{
    public static IReadOnlyList<AssetMasterData> Read(Stream json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("Asset master data must be a JSON array of assets.");
        }

        var result = new List<AssetMasterData>();
        int index = 0;
        try
        {
            foreach (JsonElement entry in document.RootElement.EnumerateArray())
            {
                result.Add(ReadEntry(entry, index++));
            }
        }
        catch (InvalidOperationException e)
        {
            // JsonDocument checks a string's bytes only when it is read as text.
            throw new InvalidDataException($"Asset master data entry {index - 1} has a string that is not valid UTF-8 or escapes half of a surrogate pair.", e);
        }

        return result;
    }

    private static AssetMasterData ReadEntry(JsonElement entry, int index)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"Asset master data entry {index} is not an object.");
        }

        string assetId = OptionalString(entry, "assetId", index)
            ?? throw new InvalidDataException($"Asset master data entry {index} has no \"assetId\".");
        var attributes = new Dictionary<string, PointValue>(StringComparer.Ordinal);
        var types = new Dictionary<string, PointValueType>(StringComparer.Ordinal);
        if (entry.TryGetProperty("attributes", out JsonElement attrs) && attrs.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty attr in attrs.EnumerateObject())
            {
                types[attr.Name] = attr.Value.ValueKind switch
                {
                    JsonValueKind.Number => attr.Value.TryGetInt64(out _) ? PointValueType.Long : PointValueType.Double,
                    JsonValueKind.String => PointValueType.String,
                    _ => PointValueType.Bool,
                };
                attributes[attr.Name] = attr.Value.ValueKind switch
                {
                    JsonValueKind.Number => PointValue.FromNumber(attr.Value.GetDouble()),
                    JsonValueKind.True => PointValue.FromBool(true),
                    JsonValueKind.False => PointValue.FromBool(false),
                    JsonValueKind.String => PointValue.FromText(attr.Value.GetString() ?? string.Empty),
                    _ => throw new InvalidDataException(
                        $"Attribute \"{attr.Name}\" of asset \"{assetId}\" must be a number, a bool or a string."),
                };
            }
        }

        string? zone = OptionalString(entry, "timezone", index);
        if (zone is not null)
        {
            // Checked here, so that a run stops before its first record rather than at the asset's.
            AssetTable.FindZone(zone, $"asset \"{assetId}\"");
        }

        return new AssetMasterData(assetId, OptionalString(entry, "modelId", index), zone, attributes, types);
    }

    private static string? OptionalString(JsonElement entry, string name, int index)
    {
        if (!entry.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidDataException($"\"{name}\" of asset master data entry {index} must be a string.");
    }
}
