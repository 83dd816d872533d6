using System.Text.Json;
using Dsl.Runtime.Hosting;

namespace Dsl.Runtime.Sources;

/// <summary>
/// Why a line is not valid JSON, as a person reads it: where on the line the reader stopped
/// (from 1; in bytes, which ASCII makes characters) and its reason, without the reader's
/// "LineNumber: 0 | BytePositionInLine: 87." that counts from 0, and whose line 0 is not the
/// line of the input it would be read beside.
/// </summary>
public static class JsonProblem
{
    public static string Describe(JsonException e)
    {
        string reason = Reason(e);
        return e.BytePositionInLine is long column ? $"at column {column + 1}: {reason}" : reason;
    }

    /// <summary>
    /// Where in a file the reader stopped, as an editor counts (from 1; columns in bytes, which
    /// ASCII makes characters): <c> at line 3, column 14</c>, or nothing when it did not say.
    /// </summary>
    public static string Position(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.LineNumber is long line && e.BytePositionInLine is long column ? $" at line {line + 1}, column {column + 1}" : string.Empty;
    }

    /// <summary>
    /// The reader's reason alone, without where it stopped and without its advice to the program
    /// ("Change the reader options.", "when isFinalBlock is true", "not supported in this mode"),
    /// which means nothing to a person writing the JSON; and on one line, the text it quotes
    /// (<c>'not json\n'</c>) with its control characters escaped.
    /// </summary>
    public static string Reason(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string reason = e.Message;
        foreach (string tail in new[] { " LineNumber:", " Path:", " Change the reader options." })
        {
            int at = reason.IndexOf(tail, StringComparison.Ordinal);
            if (at >= 0)
            {
                reason = reason[..at];
            }
        }

        reason = reason.Trim();
        if (reason.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
        {
            return "there is no JSON value: the text is empty, or only white space";
        }

        return PrintableText.OneLine(reason.Replace(" at the end which is not supported in this mode", " at the end, which JSON does not allow", StringComparison.Ordinal));
    }
}
