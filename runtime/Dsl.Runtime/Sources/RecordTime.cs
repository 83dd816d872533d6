using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Sources;

/// <summary>
/// A record's <c>time</c>: epoch milliseconds (a JSON integer, or a number without a fraction such
/// as <c>1.7672256e12</c>) or an ISO-8601 date-time string, in the extended format or the basic one
/// (<see cref="IsoBasicTime"/>), UTC when it names no offset. One definition for the jobs' reader and the daemon's ingest check, so both accept the same records.
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
    public static bool TryRead(ref Utf8JsonReader reader, out long time) => Read(ref reader, out time) == TimeProblem.None;

    /// <summary>Reads the time at the reader's current token, leaving the reader on it; says what is wrong when it is not one.</summary>
    public static TimeProblem Read(ref Utf8JsonReader reader, out long time)
    {
        TimeProblem problem = ReadAny(ref reader, out time);
        return problem == TimeProblem.None && time is < Earliest or > Latest ? TimeProblem.OutOfRange : problem;
    }

    /// <summary>
    /// The detail of an error for the time at the reader's current token (which
    /// <see cref="Read"/> left there), naming the value as written and the rule it broke.
    /// </summary>
    public static string Describe(TimeProblem problem, ref Utf8JsonReader reader) => problem switch
    {
        TimeProblem.NotWhole => $"\"time\" {Written(ref reader)} is not a whole number of epoch milliseconds",
        TimeProblem.OutOfRange => $"\"time\" {Written(ref reader)} is out of range: times lie in the years 2 to 9998 UTC "
            + $"(epoch milliseconds {Earliest} to {Latest})",
        _ => "\"time\" must be epoch milliseconds or an ISO-8601 date-time",
    };

    private static string Written(ref Utf8JsonReader reader)
    {
        string text = WrittenText.Of(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        return reader.TokenType == JsonTokenType.String ? $"\"{text}\"" : text;
    }

    private static TimeProblem ReadAny(ref Utf8JsonReader reader, out long time)
    {
        time = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out time):
                return TimeProblem.None;
            case JsonTokenType.Number when reader.TryGetDouble(out double d):
                if (!WholeNumber.IsWhole(d, reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan))
                {
                    return TimeProblem.NotWhole;
                }

                // Any whole double beyond 9e15 ms (year 287 000) is out of range; below it the cast is exact.
                time = (long)d;
                return Math.Abs(d) < 9e15 ? TimeProblem.None : TimeProblem.OutOfRange;
            case JsonTokenType.Number:
                // A JSON number a double cannot hold (1e400): a number, and far out of range.
                return TimeProblem.OutOfRange;
            case JsonTokenType.String:
                // Unescaped, a string has at most as many characters as it has bytes.
                long bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                Span<char> text = bytes <= StackChars ? stackalloc char[StackChars] : new char[bytes];
                Span<char> extended = bytes <= StackChars ? stackalloc char[StackChars + IsoBasicTime.ExtraChars] : new char[bytes + IsoBasicTime.ExtraChars];
                ReadOnlySpan<char> written = text[..reader.CopyString(text)];
                if (IsoBasicTime.TryExtend(written, extended, out int length))
                {
                    written = extended[..length];
                }

                return TryParseIso(written, out time) ? TimeProblem.None : TimeProblem.NotATime;
            default:
                return TimeProblem.NotATime;
        }
    }

    private static bool TryParseIso(ReadOnlySpan<char> text, out long time)
    {
        time = 0;
        // .NET's parser would take white space after the time, though not before it; neither is ISO-8601.
        if (text.Length < 10 || !char.IsAsciiDigit(text[0]) || text[4] != '-' || char.IsWhiteSpace(text[^1]))
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
