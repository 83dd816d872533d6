using System.Globalization;
using Dsl.Runtime.Hosting;

namespace Dsl.Cli.Commands;

/// <summary>
/// Records timed from 1970 to early 1973 are most likely timed in epoch seconds: they run as
/// records of January 1970 without an error, so the note gives the first one both ways.
/// </summary>
internal static class SecondsLikeTimesNote
{
    /// <summary>The note for <c>dsl run</c>, or null when no record was so timed.</summary>
    public static string? For(SecondsLikeTimes? times)
    {
        if (times is not { Count: > 0 })
            return null;
        long time = times.FirstTime;
        string records = times.Count == 1 ? "1 record has" : $"{times.Count} records have";
        return $"{records} a time before 1973, the first on line {times.FirstLine}: \"time\" is epoch milliseconds, and {time} is {Instant(time)} as milliseconds; "
            + $"as epoch seconds it would be {Instant(time * 1000)}.";
    }

    private static string Instant(long epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);
}
