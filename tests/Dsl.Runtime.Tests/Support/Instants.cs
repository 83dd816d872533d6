namespace Dsl.Runtime.Tests.Support;

/// <summary>Readable instants for tests.</summary>
public static class Instants
{
    public const long Second = 1000;
    public const long Minute = 60 * Second;
    public const long Hour = 60 * Minute;
    public const long Day = 24 * Hour;

    /// <summary>Epoch ms of an ISO-8601 instant, e.g. "2026-03-29T01:00:00Z".</summary>
    public static long At(string iso) =>
        DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
}
