namespace Dsl.Compiler.Formatting;

/// <summary>
/// The line ending a file is written with, which formatting keeps: a file saved with "\r\n" (on
/// Windows, say) would otherwise change on every line, and version control would show the whole
/// file as rewritten. A file with mixed endings gets those of its first line; one without a line
/// break gets "\n".
/// </summary>
internal static class LineEnding
{
    /// <summary>"\r\n", "\r" or "\n": the first line break of <paramref name="text"/> as written ("\n" when there is none).</summary>
    public static string Of(string text)
    {
        var index = text.AsSpan().IndexOfAny('\r', '\n');
        if (index < 0 || text[index] == '\n')
            return "\n";
        return index + 1 < text.Length && text[index + 1] == '\n' ? "\r\n" : "\r";
    }

    /// <summary>The <paramref name="text"/> written with "\n" line breaks, with <paramref name="ending"/> ones instead.</summary>
    public static string Apply(string text, string ending) =>
        ending == "\n" ? text : text.Replace("\n", ending, StringComparison.Ordinal);
}
