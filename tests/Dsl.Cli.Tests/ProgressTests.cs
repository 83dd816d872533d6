using System.Text;
using Dsl.TestUtilities;

namespace Dsl.Cli.Tests;

/// <summary>
/// Long operations (<c>dsl run</c>, <c>dsl check</c>, a compile) show their progress on standard error
/// when it is a terminal, in one line rewritten in place and erased at the end; redirected standard
/// error gets none of it.
/// </summary>
public sealed class ProgressTests
{
    private static readonly string Input = string.Join("\n",
    [
        Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2),
        """{"assetId":"d1","modelId":"M","pointId":"A","time":""",
        Jobs.Record("d1", "A", "2026-01-05T10:05:00Z", 3),
    ]) + "\n";

    [TerminalFact]
    public void Run_shows_how_much_of_its_input_it_has_read_and_leaves_the_terminal_as_a_redirected_run_leaves_its_log()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Input);
        var redirected = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "expected.jsonl");
        Assert.True(redirected.ExitCode == 0, redirected.ToString());

        var result = DslCli.RunWithErrorOnTerminal(workspace.Directory, "stdout.txt", "run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Drawn as soon as the run starts, the file's size being known.
        Assert.Contains($"dsl run: 0% of in.jsonl read (0 bytes of {Encoding.UTF8.GetByteCount(Input)} bytes)", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(redirected.ErrorLines, Terminal.Screen(result.StandardError));
        Assert.Equal(workspace.Read("expected.jsonl"), workspace.Read("out.jsonl"));
        Assert.Equal("", workspace.Read("stdout.txt"));
    }

    [TerminalFact]
    public void A_resumable_run_shows_its_progress_too()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Input);

        var result = DslCli.RunWithErrorOnTerminal(workspace.Directory, "stdout.txt", "run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl", "--state", "st");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("dsl run: 0% of in.jsonl read (0 bytes of", result.StandardError, StringComparison.Ordinal);
        var screen = Terminal.Screen(result.StandardError);
        Assert.StartsWith("dsl run: records_read=3 ", screen[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(screen, line => line.Contains("% of in.jsonl read", StringComparison.Ordinal));
    }

    [TerminalFact]
    public void Check_counts_the_files_it_has_checked_and_erases_the_count()
    {
        using var workspace = new Workspace();
        workspace.Write("jobs/a.stream", Jobs.Chained);
        workspace.Write("jobs/b.stream", Jobs.Chained.Replace("job doubler", "job other", StringComparison.Ordinal));

        var result = DslCli.RunWithErrorOnTerminal(workspace.Directory, "stdout.txt", "check", "jobs");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("dsl check: 0 of 2 files checked", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Terminal.Screen(result.StandardError));
        Assert.Equal("Checked 2 files: 0 errors, 0 warnings.\n", workspace.Read("stdout.txt"));
    }

    [TerminalFact]
    public void A_run_writing_its_outputs_to_the_terminal_shows_no_progress_between_them()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Input);
        var redirected = workspace.Dsl("run", "job.stream", "--input", "in.jsonl");
        Assert.True(redirected.ExitCode == 0, redirected.ToString());

        var result = DslCli.RunWithErrorOnTerminal(workspace.Directory, null, ["run", "job.stream", "--input", "in.jsonl"], term: "xterm");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("% of in.jsonl read", result.StandardError, StringComparison.Ordinal);
        // Every output record is a line of its own on the screen, whole.
        var screen = Terminal.Screen(result.StandardError);
        Assert.Equal(redirected.OutputLines.Order(StringComparer.Ordinal), screen.Where(line => line.StartsWith('{')).Order(StringComparer.Ordinal));
    }

    [TerminalFact]
    public void A_terminal_that_cannot_rewrite_a_line_gets_no_progress()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Input);

        var result = DslCli.RunWithErrorOnTerminal(workspace.Directory, "stdout.txt", ["run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl"], term: "dumb");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("% of in.jsonl read", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("compiling", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Redirected_standard_error_holds_no_progress_line()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", Input);

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain('\r', result.StandardError);
        Assert.DoesNotContain('\u001b', result.StandardError);
        Assert.DoesNotContain("% of in.jsonl read", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("compiling", result.StandardError, StringComparison.Ordinal);
    }
}
