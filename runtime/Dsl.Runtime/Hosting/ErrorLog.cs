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

        string text = Encoding.UTF8.GetString(line.Length > MaxLineChars ? line[..MaxLineChars] : line);
        _writer.WriteLine($"line {lineNumber}: {name}: {detail}");
        _writer.WriteLine($"  {text}{(line.Length > MaxLineChars ? "…" : string.Empty)}");
    }
}
