using System.Globalization;

namespace Dsl.Daemon;

/// <summary>A limit given to <c>dsl serve</c> in hours, written back in them for the messages that name it.</summary>
internal static class OptionHours
{
    /// <summary><c>24 hours</c>, <c>1 hour</c>, <c>0.5 hours</c>: as the option was written, not as a TimeSpan prints itself.</summary>
    public static string Format(TimeSpan span) =>
        span.TotalHours == 1 ? "1 hour" : $"{span.TotalHours.ToString("0.######", CultureInfo.InvariantCulture)} hours";
}
