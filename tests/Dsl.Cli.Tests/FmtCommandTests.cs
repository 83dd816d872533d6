using System.Text;
using Dsl.TestUtilities;

namespace Dsl.Cli.Tests;

/// <summary><c>dsl fmt</c> and <c>dsl fmt --check</c>: what they change and how they exit.</summary>
public sealed class FmtCommandTests
{
    /// <summary>What users copy from: the examples are written as the formatter writes them.</summary>
    [Fact]
    public void The_examples_are_formatted()
    {
        var result = DslCli.Run(RepoPaths.Root, "fmt", "--check", "examples");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private const string Unformatted = "job   loose\n\nmodel M {\n      ai A: double\n  ai B\n}\nmerge M on A {   B = A   * 2 }\n";

    /// <summary>
    /// Bytes that are not UTF-8 in a comment (a file saved in Windows-1252) read as U+FFFD, which
    /// the compiler does not judge in comments: written back, they would be lost for good.
    /// </summary>
    [Fact]
    public void Fmt_leaves_alone_a_file_with_bytes_that_are_not_UTF8_and_says_where()
    {
        using var workspace = new Workspace();
        string path = Path.Combine(workspace.Directory, "latin1.stream");
        byte[] latin1 = [.. Encoding.ASCII.GetBytes("job  demo\n// caf"), 0xE9, (byte)'\n'];
        File.WriteAllBytes(path, latin1);

        var result = workspace.Dsl("fmt", "latin1.stream");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["latin1.stream: not formatted, line 2 holds bytes that are not UTF-8, which writing the file would replace; save it as UTF-8 first."], result.ErrorLines);
        Assert.Equal(latin1, File.ReadAllBytes(path));
    }

    [Fact]
    public void Fmt_check_of_a_formatted_file_exits_0_and_changes_nothing()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        var result = workspace.Dsl("fmt", "--check", "job.stream");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StandardOutput);
        Assert.Equal(Jobs.Chained, workspace.Read("job.stream"));
    }

    [Fact]
    public void Fmt_check_of_an_unformatted_file_names_it_exits_1_and_changes_nothing()
    {
        using var workspace = new Workspace();
        workspace.Write("loose.stream", Unformatted);

        var result = workspace.Dsl("fmt", "--check", "loose.stream");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["loose.stream: not formatted", "1 of 1 files need formatting; run 'dsl fmt' on them."], result.OutputLines);
        Assert.Equal(Unformatted, workspace.Read("loose.stream"));
    }

    [Fact]
    public void Fmt_rewrites_a_file_into_a_form_that_passes_the_check_and_stays_put()
    {
        using var workspace = new Workspace();
        workspace.Write("loose.stream", Unformatted);

        var format = workspace.Dsl("fmt", "loose.stream");
        var formatted = workspace.Read("loose.stream");
        var check = workspace.Dsl("fmt", "--check", "loose.stream");
        var again = workspace.Dsl("fmt", "loose.stream");

        Assert.True(format.ExitCode == 0, format.ToString());
        Assert.NotEqual(Unformatted, formatted);
        Assert.Equal(0, check.ExitCode);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(formatted, workspace.Read("loose.stream"));
        // Formatting changes layout only: the job still checks clean, with the same tokens in the same order.
        Assert.Equal(0, workspace.Dsl("check", "loose.stream").ExitCode);
        Assert.Equal(Unformatted.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries), formatted.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Fmt_leaves_a_file_with_syntax_errors_alone_and_exits_1()
    {
        using var workspace = new Workspace();
        const string broken = "job broken\nmodel M {\n  ai A: double\n";
        workspace.Write("broken.stream", broken);

        var result = workspace.Dsl("fmt", "--check", "broken.stream");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken.stream: not formatted, it has syntax errors", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(broken, workspace.Read("broken.stream"));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_one_line_and_exit_1_and_the_others_are_formatted()
    {
        using var workspace = new Workspace();
        var locked = workspace.Write("locked.stream", Unformatted);
        workspace.Write("loose.stream", Unformatted);
        // Another process holding the file exclusively makes reading it fail, even for root.
        using (new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var result = workspace.Dsl("fmt", "locked.stream", "loose.stream");

            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith("dsl fmt: cannot read locked.stream: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        }
        Assert.Equal(Unformatted, workspace.Read("locked.stream"));
        Assert.NotEqual(Unformatted, workspace.Read("loose.stream"));
    }

    /// <summary>A file written with CRLF line endings (on Windows, say) keeps them: formatting changes layout, not line endings.</summary>
    [Fact]
    public void Fmt_keeps_crlf_line_endings_and_the_check_accepts_them()
    {
        using var workspace = new Workspace();
        workspace.Write("loose.stream", Unformatted.Replace("\n", "\r\n", StringComparison.Ordinal));

        var format = workspace.Dsl("fmt", "loose.stream");
        var check = workspace.Dsl("fmt", "--check", "loose.stream");

        Assert.True(format.ExitCode == 0, format.ToString());
        Assert.Equal("job loose\r\n\r\nmodel M {\r\n  ai A: double\r\n  ai B\r\n}\r\nmerge M on A {\r\n  B = A * 2\r\n}\r\n", workspace.Read("loose.stream"));
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal("", check.StandardOutput);
    }

    /// <summary>A file that begins with a UTF-8 byte order mark keeps it, as `--check` already took it for formatted; one without gets none.</summary>
    [Fact]
    public void Fmt_keeps_a_byte_order_mark_and_adds_none()
    {
        using var workspace = new Workspace();
        File.WriteAllBytes(Path.Combine(workspace.Directory, "marked.stream"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Unformatted)]);
        workspace.Write("plain.stream", Unformatted);

        var format = workspace.Dsl("fmt", "marked.stream", "plain.stream");

        Assert.True(format.ExitCode == 0, format.ToString());
        const string Formatted = "job loose\n\nmodel M {\n  ai A: double\n  ai B\n}\nmerge M on A {\n  B = A * 2\n}\n";
        Assert.Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Formatted)], File.ReadAllBytes(Path.Combine(workspace.Directory, "marked.stream")));
        Assert.Equal(Encoding.UTF8.GetBytes(Formatted), File.ReadAllBytes(Path.Combine(workspace.Directory, "plain.stream")));
    }

    /// <summary>A UTF-16 or UTF-32 file, named so by its byte order mark, stays in its encoding with its mark.</summary>
    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void Fmt_keeps_a_file_in_the_encoding_its_byte_order_mark_names(string name)
    {
        using var workspace = new Workspace();
        Encoding encoding = Encoding.GetEncoding(name);
        string file = Path.Combine(workspace.Directory, "wide.stream");
        File.WriteAllBytes(file, [.. encoding.Preamble, .. encoding.GetBytes(Unformatted)]);

        var format = workspace.Dsl("fmt", "wide.stream");

        Assert.True(format.ExitCode == 0, format.ToString());
        const string Formatted = "job loose\n\nmodel M {\n  ai A: double\n  ai B\n}\nmerge M on A {\n  B = A * 2\n}\n";
        Assert.Equal([.. encoding.Preamble, .. encoding.GetBytes(Formatted)], File.ReadAllBytes(file));
    }
}
