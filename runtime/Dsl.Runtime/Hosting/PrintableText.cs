namespace Dsl.Runtime.Hosting;

/// <summary>Text from records (a value, an asset id, a rejected line) as the commands and logs print it.</summary>
public static class PrintableText
{
    /// <summary>
    /// The text on one line, with nothing a terminal acts on: a line break or tab in a string would
    /// break a table's rows and columns, and an escape character in a rejected line (<c>ESC[2J</c>)
    /// would clear the user's screen; so it and any other control character are shown escaped.
    /// </summary>
    public static string OneLine(string text) =>
        !text.Any(char.IsControl) ? text : string.Concat(text.Select(c => c switch
        {
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ when char.IsControl(c) => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        }));
}
