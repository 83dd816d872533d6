using System.Text;
using System.Text.Json;
using Dsl.Naming;
using Dsl.Runtime.Records;
using Dsl.Runtime.Sources;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Assets;

/// <summary>
/// Reads <c>[{"assetId","modelId","timezone","attributes":{…}}]</c>. The file is configuration, so
/// any defect stops the run with a message naming the entry, rather than being skipped.
/// </summary>
public static class AssetMasterDataReader
{
    /// <summary>The most defects one message lists; the rest are counted.</summary>
    private const int MaxListed = 10;

    /// <summary>
    /// The file's assets; <see cref="InvalidDataException"/> naming every defect of its entries (the
    /// first ten), so that a file exported with several is mended in one go, not one run per defect.
    /// </summary>
    public static IReadOnlyList<AssetMasterData> Read(Stream json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("Asset master data must be a JSON array of assets.");
        }

        var result = new List<AssetMasterData>();
        var problems = new List<string>();
        // Two entries of one asset would have the later one win silently, whichever a system
        // exporting the file happened to write last: the file says two things, so it is refused.
        var entryOfAsset = new Dictionary<string, int>(StringComparer.Ordinal);
        int index = 0;
        foreach (JsonElement entry in document.RootElement.EnumerateArray())
        {
            try
            {
                AssetMasterData asset = ReadEntry(entry, index, problems);
                if (!entryOfAsset.TryAdd(asset.AssetId, index))
                {
                    problems.Add($"Asset master data entries {entryOfAsset[asset.AssetId]} and {index} both describe asset \"{asset.AssetId}\"; keep one entry per asset.");
                }

                result.Add(asset);
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
            }
            catch (InvalidOperationException)
            {
                // JsonDocument checks a string's bytes only when it is read as text.
                problems.Add($"Asset master data entry {index} has a string that is not valid UTF-8 or escapes half of a surrogate pair.");
            }

            index++;
        }

        if (problems.Count > 0)
        {
            string more = problems.Count > MaxListed ? $" And {problems.Count - MaxListed} more." : string.Empty;
            throw new InvalidDataException(string.Join(" ", problems.Take(MaxListed)) + more);
        }

        return result;
    }

    /// <summary>
    /// One entry; <see cref="InvalidDataException"/> when it cannot be read as an asset, while each of
    /// its attributes that cannot be read goes into <paramref name="problems"/>, every one named.
    /// </summary>
    private static AssetMasterData ReadEntry(JsonElement entry, int index, List<string> problems)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"Asset master data entry {index} is not an object.");
        }

        CheckFieldSpelling(entry, index);
        // JSON readers differ on which of two values of one field counts (this one takes the
        // last): the entry says two things, so it is refused, as a record that does so is.
        if (entry.EnumerateObject().Select(f => f.Name).Where(_fields.Contains).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidDataException($"Asset master data entry {index} gives \"{twice.Key}\" twice; keep one.");
        }

        string assetId = OptionalString(entry, "assetId", index)
            ?? throw new InvalidDataException($"Asset master data entry {index} has no \"assetId\".");
        if (assetId.Length == 0)
        {
            // No record can name it (ingest refuses an empty assetId): an export that lost the ids.
            throw new InvalidDataException($"Asset master data entry {index} has an empty \"assetId\"; no record can name it.");
        }

        var attributes = new Dictionary<string, PointValue>(StringComparer.Ordinal);
        var types = new Dictionary<string, PointValueType>(StringComparer.Ordinal);
        if (entry.TryGetProperty("attributes", out JsonElement attrs) && attrs.ValueKind != JsonValueKind.Null)
        {
            if (attrs.ValueKind != JsonValueKind.Object)
            {
                // Not skipped: every asset would silently take the attributes' defaults.
                throw new InvalidDataException(
                    $"\"attributes\" of asset \"{assetId}\" must be an object of attribute values, such as {{\"RatedPower\": 3000}}.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty attr in attrs.EnumerateObject())
            {
                if (!seen.Add(attr.Name))
                {
                    problems.Add($"Attribute \"{attr.Name}\" of asset \"{assetId}\" is given twice; keep one.");
                    continue;
                }

                try
                {
                    attributes[attr.Name] = attr.Value.ValueKind switch
                    {
                        JsonValueKind.Number => PointValue.FromNumber(FiniteNumber(attr, assetId)),
                        JsonValueKind.True => PointValue.FromBool(true),
                        JsonValueKind.False => PointValue.FromBool(false),
                        JsonValueKind.String => PointValue.FromText(attr.Value.GetString() ?? string.Empty),
                        _ => throw new InvalidDataException(
                            $"Attribute \"{attr.Name}\" of asset \"{assetId}\" must be a number, a bool or a string."),
                    };
                    types[attr.Name] = attr.Value.ValueKind switch
                    {
                        JsonValueKind.Number => IsInteger(attr.Value) ? PointValueType.Long : PointValueType.Double,
                        JsonValueKind.String => PointValueType.String,
                        _ => PointValueType.Bool,
                    };
                }
                catch (InvalidDataException e)
                {
                    problems.Add(e.Message);
                }
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

    /// <summary>
    /// Whether a number is an integer, also when written with a fraction or an exponent (<c>3.0</c>,
    /// <c>1e3</c>, as writers of floating-point values give it), as a record's value is.
    /// </summary>
    private static bool IsInteger(JsonElement number) =>
        number.TryGetInt64(out _)
        || (number.TryGetDouble(out double parsed) && WholeNumber.TryGetLong(parsed, Encoding.UTF8.GetBytes(number.GetRawText()), out _));

    /// <summary>
    /// An attribute's number. JSON allows any number of digits, and .NET reads one beyond a double's
    /// range as infinity: taken so, <c>1e400</c> would turn every result that uses it into one not
    /// emitted, with no word of why.
    /// </summary>
    private static double FiniteNumber(JsonProperty attr, string assetId)
    {
        double value = attr.Value.GetDouble();
        return double.IsFinite(value) ? value : throw new InvalidDataException(
            $"Attribute \"{attr.Name}\" of asset \"{assetId}\" is {attr.Value.GetRawText()}, beyond the largest number a double holds (about 1.8e308).");
    }

    private static readonly string[] _fields = ["assetId", "modelId", "timezone", "attributes"];

    /// <summary>
    /// Fields other systems add (a name, a site) are ignored, but one of ours in another case
    /// (<c>timeZone</c>, <c>modelID</c>), or written otherwise in an entry without it
    /// (<c>timezone_id</c>, <c>zone</c>, <c>model</c>, <c>attribs</c>), is a misspelling: ignored,
    /// it would leave the asset on the job's zone or its attributes' defaults without a word.
    /// </summary>
    private static void CheckFieldSpelling(JsonElement entry, int index)
    {
        foreach (JsonProperty field in entry.EnumerateObject())
        {
            string? meant = Array.Find(_fields, f => string.Equals(f, field.Name, StringComparison.OrdinalIgnoreCase));
            if (meant is not null && meant != field.Name)
            {
                throw new InvalidDataException($"Asset master data entry {index} has a field \"{field.Name}\"; it is spelled \"{meant}\".");
            }
        }

        foreach (JsonProperty field in entry.EnumerateObject())
        {
            if (FieldMeant(field) is { } known && !entry.TryGetProperty(known, out _))
            {
                throw new InvalidDataException($"Asset master data entry {index} has a field \"{field.Name}\" but no \"{known}\"; did you mean \"{known}\"?");
            }
        }
    }

    /// <summary>
    /// The field of ours that a field of another name likely means: a third of it or less written
    /// otherwise, once case, '_' and '-' are left out, keeping its first letter (<c>time_zone</c>,
    /// <c>timezone_id</c>, <c>model</c>, <c>attribs</c>), or the word it ends in with a value that
    /// field takes (<c>zone</c> with a time zone id). Null for one of ours and for other names.
    /// Closer than the compiler's "did you mean": a field another system adds (<c>time</c>,
    /// <c>modelName</c>, <c>nodeId</c>, a grid <c>zone</c> such as "North") is to load, not to be
    /// taken for ours.
    /// </summary>
    private static string? FieldMeant(JsonProperty field)
    {
        string name = field.Name;
        if (_fields.Contains(name, StringComparer.Ordinal) || name.Length > 64)
        {
            return null;
        }

        string words = name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        return Array.Find(_fields, f =>
            (words.Length > 0 && words[0] == char.ToLowerInvariant(f[0])
                && NameSuggester.Distance(words, f.ToLowerInvariant()) <= Math.Max(1, Math.Max(words.Length, f.Length) / 3))
            || (words.Length >= 4 && f.EndsWith(words, StringComparison.OrdinalIgnoreCase) && Takes(f, field.Value)));
    }

    /// <summary>Whether <paramref name="value"/> would do as field <paramref name="field"/>'s: a zone's must be a time zone id.</summary>
    private static bool Takes(string field, JsonElement value) =>
        field != "timezone" || (value.ValueKind == JsonValueKind.String && TimeZones.IsZoneName(value.GetString() ?? "") && TimeZoneInfo.TryFindSystemTimeZoneById(value.GetString() ?? "", out _));

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
