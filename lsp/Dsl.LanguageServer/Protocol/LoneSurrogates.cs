namespace Dsl.LanguageServer.Protocol;

/// <summary>
/// JSON may escape half of a UTF-16 surrogate pair on its own (<c>"\ud83d"</c>): RFC 8259 allows
/// it, and a JavaScript client's <c>JSON.stringify</c> writes one for a string that holds it (an
/// edit that splits an emoji). System.Text.Json refuses to read such a string, which would drop the
/// message, and with it an edit, leaving the server's text out of step with the editor's. Each
/// lone half becomes U+FFFD, one UTF-16 unit as the half was, so positions after it still agree.
/// </summary>
internal static class LoneSurrogates
{
    private static readonly byte[] Replacement = "\\uFFFD"u8.ToArray();

    /// <summary>
    /// Rewrites, in place, each escaped lone surrogate of a JSON text as an escaped U+FFFD (the same
    /// six bytes long); returns whether there was one.
    /// </summary>
    public static bool Replace(byte[] json)
    {
        bool replaced = false;
        for (int i = 0; i < json.Length - 1; i++)
        {
            if (json[i] != '\\')
            {
                continue;
            }

            if (json[i + 1] != 'u' || EscapedUnit(json, i) is not { } unit)
            {
                // Another escape ("\\", "\""): its second byte is not the start of one.
                i++;
                continue;
            }

            if (char.IsHighSurrogate(unit) && EscapedUnit(json, i + 6) is { } next && char.IsLowSurrogate(next))
            {
                i += 11;
            }
            else if (char.IsSurrogate(unit))
            {
                Replacement.CopyTo(json, i);
                replaced = true;
                i += 5;
            }
            else
            {
                i += 5;
            }
        }

        return replaced;
    }

    // The UTF-16 unit of a "\u" escape and its four hex digits at index, or null when there is none there.
    private static char? EscapedUnit(byte[] json, int index)
    {
        if (index + 6 > json.Length || json[index] != '\\' || json[index + 1] != 'u')
        {
            return null;
        }

        int unit = 0;
        for (int k = index + 2; k < index + 6; k++)
        {
            int digit = HexDigit(json[k]);
            if (digit < 0)
            {
                return null;
            }

            unit = (unit << 4) | digit;
        }

        return (char)unit;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
