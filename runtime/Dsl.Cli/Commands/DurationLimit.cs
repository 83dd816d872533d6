namespace Dsl.Cli.Commands;

/// <summary>
/// The longest duration a command-line option takes. Beyond it a duration is no longer a setting
/// (nothing would ever happen) and the times computed from it overflow: a pause limit of
/// millennia subtracted from the clock is before year 1.
/// </summary>
internal static class DurationLimit
{
    public const int Hours = 876_000;

    public static readonly TimeSpan Max = TimeSpan.FromHours(Hours);

    /// <summary>Whether <paramref name="value"/> of <paramref name="unit"/> is a positive (or zero) duration within the limit.</summary>
    public static bool Holds(double value, TimeSpan unit) =>
        double.IsFinite(value) && value >= 0 && value <= Max / unit;
}
