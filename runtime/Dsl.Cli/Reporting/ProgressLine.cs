using Dsl.Runtime.Hosting;

namespace Dsl.Cli.Reporting;

/// <summary>
/// The line a long operation keeps up to date on standard error while it works (<c>dsl run: 37% of
/// in.jsonl read (45.2 MB of 120.0 MB)</c>), shown only when standard error is a terminal: redirected
/// to a file or a pipe, standard error keeps only the messages, as a log should, and nothing in it
/// changes. The line is drawn at once and then rewritten in place a few times a second; a message
/// written to <see cref="Console.Error"/> meanwhile first erases it (the next rewrite draws it again
/// below the message), and the end of the operation erases it, so what stays on the terminal is
/// exactly what a redirected standard error holds.
/// </summary>
public sealed class ProgressLine : IDisposable
{
    // Often enough to look alive, rarely enough to cost nothing.
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    // Back to the start of the line, then erase to its end (ECMA-48 "erase in line").
    private const string Erase = "\r\u001b[K";

    private readonly TextWriter _terminal;
    private readonly string _prefix;
    private readonly Func<string> _describe;
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private bool _drawn;
    private bool _ended;

    private ProgressLine(TextWriter terminal, string command, Func<string> describe)
    {
        _terminal = terminal;
        _prefix = $"dsl {command}: ";
        _describe = describe;
        Console.SetError(new ErasingWriter(this));
        Draw();
        _timer = new Timer(_ => Draw(), null, Period, Period);
    }

    /// <summary>
    /// Shows the progress of <paramref name="command"/>'s operation, as <paramref name="describe"/>
    /// tells it at each rewrite, until the result is disposed; nothing when standard error is no
    /// terminal (or a terminal that cannot rewrite a line, <c>TERM=dumb</c>).
    /// </summary>
    /// <param name="writesStandardOutput">The operation writes to standard output as it goes (<c>dsl run</c>
    /// without <c>--output</c>): when that is a terminal too, the line would come between what it writes, so none is shown.</param>
    public static IDisposable Show(string command, Func<string> describe, bool writesStandardOutput = false)
    {
        ArgumentNullException.ThrowIfNull(describe);
        bool besideOutput = writesStandardOutput && !Console.IsOutputRedirected;
        return ShownOnStandardError() && !besideOutput ? new ProgressLine(Console.Error, command, describe) : Nothing.Instance;
    }

    /// <summary>
    /// Shows that <paramref name="command"/> is waiting on something it cannot measure (a compile, a
    /// push, the daemon), with the seconds it has waited: <c>dsl release: pushing to data/jobs.git… 12 s</c>.
    /// </summary>
    public static IDisposable Waiting(string command, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        return Show(command, () => clock.Elapsed.TotalSeconds < 1 ? $"{what}…" : $"{what}… {(int)clock.Elapsed.TotalSeconds} s");
    }

    /// <summary>Whether a progress line would be shown now.</summary>
    public static bool ShownOnStandardError() =>
        !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            _ended = true;
            EraseIfDrawn();
        }
        Console.SetError(_terminal);
    }

    private void Draw()
    {
        lock (_gate)
        {
            if (_ended)
                return;
            try
            {
                string text = PrintableText.OneLine(_prefix + _describe());
                // A line longer than the terminal wraps, and "\r" would go back only to the start of its last row.
                int width = TerminalWidth();
                if (text.Length >= width)
                    text = text[..Math.Max(0, width - 2)] + "…";
                _terminal.Write(Erase + text);
                _terminal.Flush();
                _drawn = true;
            }
            catch (IOException)
            {
                // A terminal that went away: the operation itself goes on, and says what it must when it ends.
                _ended = true;
            }
        }
    }

    private void EraseIfDrawn()
    {
        if (!_drawn)
            return;
        _drawn = false;
        try
        {
            _terminal.Write(Erase);
            _terminal.Flush();
        }
        catch (IOException)
        {
        }
    }

    // Not Console.WindowWidth: asking it sets up the terminal for .NET's console input (application
    // keypad mode), which a command that reads no keys would leave behind.
    private static int TerminalWidth() =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns > 0 ? columns : 80;

    /// <summary>Standard error while the line is shown: each message erases the line first.</summary>
    private sealed class ErasingWriter(ProgressLine line) : TextWriter
    {
        public override System.Text.Encoding Encoding => line._terminal.Encoding;

        public override void Write(char value) => Pass(terminal => terminal.Write(value));

        public override void Write(string? value) => Pass(terminal => terminal.Write(value));

        public override void Write(char[] buffer, int index, int count) => Pass(terminal => terminal.Write(buffer, index, count));

        public override void WriteLine(string? value) => Pass(terminal => terminal.WriteLine(value));

        // Nothing new to show: the line stays.
        public override void Flush()
        {
            lock (line._gate)
                line._terminal.Flush();
        }

        private void Pass(Action<TextWriter> write)
        {
            lock (line._gate)
            {
                line.EraseIfDrawn();
                write(line._terminal);
            }
        }
    }

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();

        public void Dispose()
        {
        }
    }
}
