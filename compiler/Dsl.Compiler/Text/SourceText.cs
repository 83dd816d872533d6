namespace Dsl.Compiler.Text;

/// <summary>
/// The text of one .stream file with its path and a line index, so spans convert to
/// line/column positions without rescanning.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    private SourceText(string path, string text)
    {
        Path = path;
        Text = text;
        _lineStarts = ComputeLineStarts(text);
    }

    /// <summary>The file path as the user named it (used in diagnostics and for resolving imports).</summary>
    public string Path { get; }

    public string Text { get; }

    public int Length => Text.Length;

    public int LineCount => _lineStarts.Length;

    public static SourceText From(string text, string path = "<memory>") => new(path, text);

    /// <summary>
    /// Reads a file as UTF-8. Invalid bytes become U+FFFD, which the token pass reports, in strings and quoted names too. A file that
    /// reports no size is not opened: an empty file has nothing to read, and a pipe or a device
    /// (which report none either) could block the read, or never end it.
    /// </summary>
    public static SourceText Load(string path) => new(path, new FileInfo(path).Length == 0 ? "" : File.ReadAllText(path));

    public string ToString(TextSpan span) => Text.Substring(span.Start, Math.Min(span.Length, Text.Length - span.Start));

    public LinePosition GetLinePosition(int position)
    {
        position = Math.Clamp(position, 0, Text.Length);
        var line = Array.BinarySearch(_lineStarts, position);
        if (line < 0)
            line = ~line - 1;
        return new LinePosition(line, position - _lineStarts[line]);
    }

    /// <summary>The offset of a line/character position, clamped into the text (editors may send positions past the end).</summary>
    public int GetPosition(LinePosition position)
    {
        if (position.Line < 0)
            return 0;
        if (position.Line >= _lineStarts.Length)
            return Text.Length;
        var lineStart = _lineStarts[position.Line];
        var lineEnd = position.Line + 1 < _lineStarts.Length ? _lineStarts[position.Line + 1] : Text.Length;
        return Math.Clamp(lineStart + Math.Max(0, position.Character), lineStart, lineEnd);
    }

    public TextSpan GetLineSpan(int line)
    {
        var start = _lineStarts[line];
        var end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
            end--;
        return TextSpan.FromBounds(start, end);
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
                starts.Add(i + 1);
            else if (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))
                starts.Add(i + 1);
        }
        return starts.ToArray();
    }
}
