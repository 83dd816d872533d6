using System.Globalization;
using System.Text.Json;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>One output record of a run, read back from the NDJSON the runtime wrote.</summary>
internal sealed record OutputLine(string AssetId, string ModelId, string PointId, long Time, JsonValueKind ValueKind, double Number, bool Bool, string? Text, string CalMode, string Job, string Version)
{
    public static OutputLine Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var value = root.GetProperty("value");
        var attr = root.GetProperty("attr");
        return new OutputLine(
            root.GetProperty("assetId").GetString() ?? "",
            root.GetProperty("modelId").GetString() ?? "",
            root.GetProperty("pointId").GetString() ?? "",
            root.GetProperty("time").GetInt64(),
            value.ValueKind,
            value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN,
            value.ValueKind == JsonValueKind.True,
            value.ValueKind == JsonValueKind.String ? value.GetString() : null,
            attr.GetProperty("calMode").GetString() ?? "",
            attr.GetProperty("job").GetString() ?? "",
            attr.GetProperty("version").GetString() ?? "");
    }

    public override string ToString() =>
        $"{AssetId}/{PointId}@{DateTimeOffset.FromUnixTimeMilliseconds(Time):yyyy-MM-ddTHH:mm:ssZ} {ValueKind switch
        {
            JsonValueKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
            JsonValueKind.String => "\"" + Text + "\"",
            _ => Bool ? "true" : "false",
        }} {CalMode}";
}
