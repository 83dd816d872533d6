using System.Globalization;
using System.Text;

namespace Dsl.Cli.Reporting;

/// <summary>
/// A table of text cells in columns as wide as their widest cell, measured as a terminal shows
/// them: a CJK character (an asset id 风机01) takes two columns and a combining accent none, so
/// counting UTF-16 units would push the rows holding them out of line.
/// </summary>
public static class TextTable
{
    /// <summary>
    /// The lines of the table: the header, a rule of dashes under each column when
    /// <paramref name="ruled"/>, then the rows; <paramref name="rightAligned"/> names the column of numbers, if any.
    /// </summary>
    public static IEnumerable<string> Lines(string[] header, IReadOnlyList<string[]> rows, string separator, int rightAligned = -1, bool ruled = false)
    {
        var widths = Widths(header, rows);
        string Pad(string cell, int i)
        {
            var padding = new string(' ', widths[i] - Width(cell));
            return i == rightAligned ? padding + cell : cell + padding;
        }

        string Format(string[] cells) => string.Join(separator, cells.Select(Pad)).TrimEnd();
        yield return Format(header);
        if (ruled)
            yield return string.Join(separator, widths.Select(w => new string('-', w)));
        foreach (var row in rows)
            yield return Format(row);
    }

    private static int[] Widths(string[] header, IReadOnlyList<string[]> rows) =>
        header.Select((h, i) => rows.Select(r => Width(r[i])).Append(Width(h)).Max()).ToArray();

    /// <summary>How many columns a terminal gives the text.</summary>
    public static int Width(string text)
    {
        int width = 0;
        foreach (var rune in text.EnumerateRunes())
            width += Width(rune);
        return width;
    }

    private static int Width(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format => 0,
        _ when IsWide(rune.Value) => 2,
        _ => 1,
    };

    // The East Asian wide and full-width ranges (Unicode's EastAsianWidth W and F) and the emoji
    // blocks terminals draw two columns wide.
    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF or >= 0xA000 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6
            or >= 0x1F300 and <= 0x1F64F or >= 0x1F900 and <= 0x1F9FF or >= 0x20000 and <= 0x3FFFD;
}
