using System.Diagnostics;
using System.Text;

namespace Dsl.TestUtilities;

/// <summary>
/// Runs a command with a terminal as its standard error, as a user at a shell has it: a
/// pseudo-terminal that util-linux <c>script</c> opens (see <see cref="TerminalFactAttribute"/>),
/// and reads what the terminal ends up showing.
/// </summary>
public static class Terminal
{
    /// <summary>
    /// Changes <paramref name="start"/> to run its command under <c>script</c>: its standard input,
    /// output and error are the terminal, whose transcript (line ends as <c>\r\n</c>) comes out on
    /// <c>script</c>'s standard output; with <paramref name="outputFile"/>, the command's standard
    /// output goes to that file instead, so that the transcript is its standard error's alone.
    /// </summary>
    public static void RunUnderScript(ProcessStartInfo start, string? outputFile, string term = "xterm")
    {
        ArgumentNullException.ThrowIfNull(start);
        string[] command = [start.FileName, .. start.ArgumentList];
        start.FileName = "script";
        start.ArgumentList.Clear();
        // -e: script exits with the command's code; -f: the transcript is written as it comes; -q: nothing of script's own.
        string line = "exec " + string.Join(' ', command.Select(Quoted)) + (outputFile is null ? "" : " > " + Quoted(outputFile));
        foreach (var word in (string[])["-qefc", line, "/dev/null"])
            start.ArgumentList.Add(word);
        start.Environment["TERM"] = term;
        start.Environment["COLUMNS"] = "200";
    }

    private static string Quoted(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// The lines a terminal shows after <paramref name="transcript"/>: a carriage return goes back to
    /// the start of the line, <c>ESC [ K</c> erases from there to its end, a line feed ends the line,
    /// other escape sequences (the console's own set-up) show nothing. A last line left empty is no line.
    /// </summary>
    public static string[] Screen(string transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var lines = new List<string>();
        var line = new StringBuilder();
        int column = 0;
        for (int i = 0; i < transcript.Length; i++)
        {
            char c = transcript[i];
            if (c == '\u001b')
            {
                // CSI: ESC [ parameters final-byte; ESC and one character otherwise.
                int end = i + 1;
                bool csi = end < transcript.Length && transcript[end] == '[';
                if (csi)
                {
                    end++;
                    while (end < transcript.Length && transcript[end] is >= '0' and <= '?')
                        end++;
                }
                if (csi && end < transcript.Length && transcript[end] == 'K')
                    line.Length = Math.Min(line.Length, column);
                i = end;
                continue;
            }
            switch (c)
            {
                case '\r':
                    column = 0;
                    break;
                case '\n':
                    lines.Add(line.ToString());
                    line.Clear();
                    column = 0;
                    break;
                default:
                    if (column < line.Length)
                        line[column] = c;
                    else
                        line.Append(c);
                    column++;
                    break;
            }
        }
        if (line.Length > 0)
            lines.Add(line.ToString());
        return [.. lines];
    }
}
