using System.Globalization;
using System.Text.RegularExpressions;
using Dsl.Naming;

namespace Dsl.Runtime.Time;

/// <summary>
/// IANA time zones as the runtime will find them (the system's tz database): what the compiler
/// checks a job's zone against, and what a misspelt zone is matched with.
/// </summary>
public static partial class TimeZones
{
    private static readonly Lazy<string[]> _all = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Append("UTC").Distinct().ToArray());

    public static IReadOnlyList<string> All => _all.Value;

    /// <summary>
    /// True for an IANA id the runtime can load, spelt as the tz database spells it; Windows ids are
    /// refused, they are not portable. .NET finds "utc" in any case, where a tz file name has one.
    /// </summary>
    public static bool IsKnown(string id) =>
        id == "UTC" || (IsZoneName(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId && zone.Id == id);

    /// <summary>
    /// False for the files of a tz folder that .NET loads but that name no zone of the tz
    /// database: <c>localtime</c> (the host's own zone, so one job would follow other days on another
    /// machine), <c>posixrules</c>, <c>Factory</c>, and the copies under <c>posix/</c> and
    /// <c>right/</c> (which count leap seconds that event times do not). Any case.
    /// </summary>
    public static bool IsZoneName(string id) =>
        !NotZones.Contains(id)
        && !id.StartsWith("posix/", StringComparison.OrdinalIgnoreCase)
        && !id.StartsWith("right/", StringComparison.OrdinalIgnoreCase);

    private static readonly HashSet<string> NotZones = new(["localtime", "posixrules", "Factory"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// What to write instead of an unknown zone id, as " Did you mean …?", else <paramref name="fallback"/>.
    /// An offset written as one (UTC+2, GMT-05:00, +08:00) is no misspelt name: the closest name
    /// ("UTC") would be hours off, so the tz database's fixed-offset zone is named, whose sign is
    /// the reverse of the offset's (UTC+2 is Etc/GMT-2), with a word for a zone with daylight time.
    /// </summary>
    public static string Hint(string id, string fallback)
    {
        if (string.Equals(id, "localtime", StringComparison.OrdinalIgnoreCase))
        {
            return " \"localtime\" is the zone the machine is set to, which differs from one machine to the next; name the zone, such as \"Europe/Berlin\".";
        }

        if (id.Length > 6 && (id.StartsWith("posix/", StringComparison.OrdinalIgnoreCase) || id.StartsWith("right/", StringComparison.OrdinalIgnoreCase)))
        {
            // In the case master data accepts, spelt as the tz database spells it.
            string? zone = All.FirstOrDefault(z => string.Equals(z, id[6..], StringComparison.OrdinalIgnoreCase));
            return zone is not null ? $" Did you mean \"{zone}\"? The folders posix/ and right/ hold copies of the tz database's zones, not zones of their own." : fallback;
        }

        var offset = Offset().Match(id);
        if (offset.Success && int.Parse(offset.Groups[2].Value, CultureInfo.InvariantCulture) is var hours && hours > 0)
        {
            if (hours > (offset.Groups[1].Value == "+" ? 14 : 12))
                return fallback;
            string zone = $"Etc/GMT{(offset.Groups[1].Value == "+" ? "-" : "+")}{hours}";
            return $" A fixed offset of {offset.Groups[1].Value}{hours} hours is \"{zone}\" (the tz database reverses the sign); a place that keeps daylight saving time needs its own name, such as \"Europe/Berlin\".";
        }

        return NameSuggester.Hint(id, All, fallback);
    }

    // UTC+2, GMT-05:00, +0800: an offset of whole hours, written as one.
    [GeneratedRegex(@"^\s*(?:UTC|GMT|Z)?\s*([+-])\s*(\d{1,2})(?::?00)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Offset();
}
