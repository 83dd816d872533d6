using System.Globalization;
using System.Text.Json;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Sources;

/// <summary>
/// A record's <c>time</c>: epoch milliseconds (a JSON integer, or a number without a fraction such
/// as <c>1.7672256e12</c>) or an ISO-8601 date-time string, UTC when it names no offset. One
/// definition for the jobs' reader and the daemon's ingest check, so both accept the same records.
/// Times are those of years 2 to 9998: calendars place a time in its local day, week or month and
/// step to the next and previous ones, which must exist too.
/// </summary>
public static class RecordTime
{
    /// <summary>0002-01-01T00:00:00Z and 9998-12-31T23:59:59.999Z.</summary>
    public const long Earliest = ZonedCalendar.Earliest;

    public const long Latest = ZonedCalendar.Latest;

    // ISO date-times are a few dozen characters; a longer string is read into an array of its own.
    private const int StackChars = 128;

    /// <summary>Reads the time at the reader's current token; false (the token unread beyond it) when it is not one.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out long time) =>
        TryReadAny(ref reader, out time) && time is >= Earliest and <= Latest;

    private static bool TryReadAny(ref Utf8JsonReader reader, out long time)
    {
        time = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out time):
                return true;
            case JsonTokenType.Number when reader.TryGetDouble(out double d) && d == Math.Floor(d) && Math.Abs(d) < 9e15:
                time = (long)d;
                return true;
            case JsonTokenType.String:
                // Unescaped, a string has at most as many characters as it has bytes.
                long bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                Span<char> text = bytes <= StackChars ? stackalloc char[StackChars] : new char[bytes];
                return TryParseIso(text[..reader.CopyString(text)], out time);
            default:
                return false;
        }
    }

    private static bool TryParseIso(ReadOnlySpan<char> text, out long time)
    {
        time = 0;
        if (text.Length < 10 || !char.IsAsciiDigit(text[0]) || text[4] != '-')
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
        {
            return false;
        }

        time = parsed.ToUnixTimeMilliseconds();
        return true;
    }
}
