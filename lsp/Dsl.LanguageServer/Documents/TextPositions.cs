using Dsl.Compiler.Text;
using Dsl.LanguageServer.Protocol.Messages;
using Range = Dsl.LanguageServer.Protocol.Messages.Range;

namespace Dsl.LanguageServer.Documents;

/// <summary>
/// Converts between LSP positions (line, UTF-16 character) and offsets. Positions outside
/// the text are clamped, as LSP asks: a character past the end of its line means the end of
/// the line, a line past the end means the end of the text.
/// </summary>
public static class TextPositions
{
    public static int ToOffset(SourceText text, Position position)
    {
        if (position.Line < 0)
            return 0;
        if (position.Line >= text.LineCount)
            return text.Length;
        var line = text.GetLineSpan(position.Line);
        return line.Start + Math.Clamp(position.Character, 0, line.Length);
    }

    public static Position ToPosition(SourceText text, int offset)
    {
        var linePosition = text.GetLinePosition(Math.Clamp(offset, 0, text.Length));
        return new Position(linePosition.Line, linePosition.Character);
    }

    public static Range ToRange(SourceText text, TextSpan span) =>
        new(ToPosition(text, span.Start), ToPosition(text, span.End));

    public static TextSpan ToSpan(SourceText text, Range range)
    {
        var start = ToOffset(text, range.Start);
        var end = ToOffset(text, range.End);
        return end >= start ? TextSpan.FromBounds(start, end) : TextSpan.FromBounds(end, start);
    }
}
