using System.Globalization;
using System.Text.Json;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>Input lines for tests: EnOS measure-point records with readable ISO times.</summary>
internal static class Rec
{
    public static string Line(string asset, string model, string point, string isoTime, object? value) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["assetId"] = asset,
            ["modelId"] = model,
            ["pointId"] = point,
            ["time"] = Ms(isoTime),
            ["value"] = value,
        });

    /// <summary>Epoch milliseconds of an ISO-8601 instant with an offset.</summary>
    public static long Ms(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
}
