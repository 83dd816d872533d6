using Dsl.Runtime.Assets;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;

namespace Dsl.Runtime.Tests.Oracles;

/// <summary>
/// The assets of the oracle tests: different zones (one relies on the job's zone), and not all
/// have the <c>Rated</c> attribute, which has no default.
/// </summary>
public static class OracleAssets
{
    public static string[] Ids { get; } = ["berlin-1", "berlin-2", "newyork", "shanghai", "default-zone"];

    public static IReadOnlyList<AssetMasterData> MasterData { get; } =
    [
        Entry("berlin-1", "Europe/Berlin", rated: 3000, scale: 1),
        Entry("berlin-2", "Europe/Berlin", rated: null, scale: 2),
        Entry("newyork", "America/New_York", rated: 2500, scale: 1),
        Entry("shanghai", "Asia/Shanghai", rated: 2000, scale: 0.5),
    ];

    /// <summary>The zone an asset ends up with: its own, else the job's (Europe/Berlin).</summary>
    public static TimeZoneInfo Zone(string asset) =>
        TimeZoneInfo.FindSystemTimeZoneById(MasterData.FirstOrDefault(a => a.AssetId == asset)?.TimeZone ?? OracleModel.Manifest.TimeZone);

    public static double? Rated(string asset) =>
        MasterData.FirstOrDefault(a => a.AssetId == asset)?.Attributes.TryGetValue("Rated", out PointValue v) == true ? v.Number : null;

    public static double Scale(string asset) =>
        MasterData.FirstOrDefault(a => a.AssetId == asset)?.Attributes.TryGetValue("Scale", out PointValue v) == true ? v.Number : 1;

    private static AssetMasterData Entry(string id, string zone, double? rated, double scale)
    {
        var attributes = new Dictionary<string, PointValue> { ["Scale"] = PointValue.FromNumber(scale) };
        if (rated is double r)
        {
            attributes["Rated"] = PointValue.FromNumber(r);
        }

        return new AssetMasterData(id, OracleModel.Model, zone, attributes);
    }
}
