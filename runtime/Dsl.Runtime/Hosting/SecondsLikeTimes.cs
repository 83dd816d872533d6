namespace Dsl.Runtime.Hosting;

/// <summary>
/// Records whose time is a number from 1970 to 1973-03-03 (epoch milliseconds 0 to 10^11), where every
/// epoch second of the years 1973 to 5138 lands when read as milliseconds. Feeds that send seconds
/// are common; their records are accepted in January 1970, late or in windows of 1970, and no
/// counter says why. The first such record lets a host say it.
/// </summary>
public sealed class SecondsLikeTimes
{
    /// <summary>1973-03-03T09:46:40Z in epoch milliseconds.</summary>
    public const long Below = 100_000_000_000;

    public long Count { get; private set; }

    /// <summary>The input line of the first record so timed.</summary>
    public long FirstLine { get; private set; }

    public long FirstTime { get; private set; }

    /// <summary>A time before 1973 but not before 1970 (seconds are not negative).</summary>
    public static bool Suspect(long time) => (ulong)time < Below;

    public void Note(long line, long time)
    {
        if (Count++ == 0)
        {
            FirstLine = line;
            FirstTime = time;
        }
    }
}
