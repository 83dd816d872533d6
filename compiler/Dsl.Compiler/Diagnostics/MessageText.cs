using System.Globalization;
using System.Text;

namespace Dsl.Compiler.Diagnostics;

/// <summary>
/// Text from a .stream file as a diagnostic message quotes it. A string or a quoted name may hold
/// a line break (<c>"a\nb"</c>) or a control character (an escape, a NUL): printed as they are,
/// they would split the diagnostic's line, which tools read one diagnostic per line, or be acted
/// on by the terminal. They are shown as the language writes them instead: <c>\n</c>, <c>\t</c>, <c>\u</c> and four hexadecimal digits.
/// </summary>
internal static class MessageText
{
    public static string Printable(string text)
    {
        if (!text.Any(NeedsEscape))
            return text;
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (!NeedsEscape(c))
                builder.Append(c);
            else if (c == '\n')
                builder.Append("\\n");
            else if (c == '\t')
                builder.Append("\\t");
            else
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
