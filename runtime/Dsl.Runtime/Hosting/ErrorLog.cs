using System.Text;

namespace Dsl.Runtime.Hosting;

/// <summary>
/// The job's error log: every rejected line is counted by reason; the first few of each reason
/// are written in full (line number, reason, detail and the line itself) so a bad feed can be
/// diagnosed without the log growing with the input.
/// </summary>
public sealed class ErrorLog
{
    private const int MaxLineChars = 512;
    private readonly TextWriter? _writer;
    private readonly RunCounters _counters;
    private readonly int _fullPerReason;

    public ErrorLog(RunCounters counters, TextWriter? writer, int fullPerReason = 5)
    {
        _counters = counters;
        _writer = writer;
        _fullPerReason = fullPerReason;
    }

    public void Report(long lineNumber, RecordError reason, string detail, ReadOnlySpan<byte> line)
    {
        _counters.Increment(reason);
        long count = _counters[reason];
        if (_writer is null || count > _fullPerReason + 1)
        {
            return;
        }

        string name = RunCounters.Name(reason);
        if (count == _fullPerReason + 1)
        {
            _writer.WriteLine($"line {lineNumber}: {name}: further {name} errors are counted only");
            return;
        }

        string text = Head(line, out bool cut);
        _writer.WriteLine($"line {lineNumber}: {name}: {PrintableText.OneLine(detail)}");
        _writer.WriteLine($"  {PrintableText.OneLine(text)}{(cut ? "…" : string.Empty)}");
    }

    /// <summary>
    /// The line's first <see cref="MaxLineChars"/> characters, and whether it goes on: cut by
    /// characters, not bytes, so that text in a multi-byte script keeps its length and no cut
    /// falls inside a character (which would end in U+FFFD).
    /// </summary>
    private static string Head(ReadOnlySpan<byte> line, out bool cut)
    {
        // A character takes at most 4 UTF-8 bytes (a pair of UTF-16 ones), so the first 4 × MaxLineChars
        // bytes hold the first MaxLineChars whole characters and a line of 1 MiB is not decoded whole.
        ReadOnlySpan<byte> head = line.Length > MaxLineChars * 4 ? line[..(MaxLineChars * 4)] : line;
        string text = Encoding.UTF8.GetString(head);
        cut = text.Length > MaxLineChars || head.Length < line.Length;
        if (text.Length <= MaxLineChars)
        {
            return text;
        }

        int length = char.IsHighSurrogate(text[MaxLineChars - 1]) ? MaxLineChars - 1 : MaxLineChars;
        return text[..length];
    }
}
