namespace Dsl.Cli.Reporting;

/// <summary>Text put into a cell of a table the commands print.</summary>
public static class TableText
{
    /// <summary>
    /// The text on one line: a line break or tab in a string (a value, an asset id) would break the
    /// table's rows and columns, so it and any other control character are shown escaped.
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
