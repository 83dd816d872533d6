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

    /// <summary>
    /// Assets in zones whose days are odd in other ways: Lord Howe moves its clocks by 30 minutes,
    /// Santiago at midnight (6 September 2026 begins at 01:00, 4 April has 25 hours), and
    /// Kathmandu is 5:45 ahead of UTC, so its days and quarters of an hour start off the UTC grid,
    /// and Goose Bay fell back at 00:01 (7 November 2010 began at 00:00 ADT, and its 23:01 to 00:01
    /// then came again, in the 7th). Kept apart from <see cref="Ids"/>, whose recorded runs other
    /// tests replay.
    /// </summary>
    public static string[] UnusualZoneIds { get; } = ["lordhowe", "santiago", "kathmandu", "goosebay"];

    public static IReadOnlyList<AssetMasterData> MasterData { get; } =
    [
        Entry("berlin-1", "Europe/Berlin", rated: 3000, scale: 1),
        Entry("berlin-2", "Europe/Berlin", rated: null, scale: 2),
        Entry("newyork", "America/New_York", rated: 2500, scale: 1),
        Entry("shanghai", "Asia/Shanghai", rated: 2000, scale: 0.5),
        Entry("lordhowe", "Australia/Lord_Howe", rated: 1500, scale: 1),
        Entry("santiago", "America/Santiago", rated: 2200, scale: 1),
        Entry("kathmandu", "Asia/Kathmandu", rated: null, scale: 1),
        Entry("goosebay", "America/Goose_Bay", rated: 1800, scale: 1),
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
