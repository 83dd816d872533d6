namespace Dsl.Runtime.Time;

/// <summary>
/// IANA time zones as the runtime will find them (the system's tz database): what the compiler
/// checks a job's zone against, and what a misspelt zone is matched with.
/// </summary>
public static class TimeZones
{
    private static readonly Lazy<string[]> _all = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Append("UTC").Distinct().ToArray());

    public static IReadOnlyList<string> All => _all.Value;

    /// <summary>
    /// True for an IANA id the runtime can load, spelt as the tz database spells it; Windows ids are
    /// refused, they are not portable. .NET finds "utc" in any case, where a tz file name has one.
    /// </summary>
    public static bool IsKnown(string id) =>
        id == "UTC" || (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId && zone.Id == id);
}
