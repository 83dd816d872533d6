namespace Dsl.Cli.Tests;

/// <summary>
/// A command line <c>dsl</c> refuses (exit code 2): one line per mistake, naming the command or
/// option a typo probably meant, in the user's words rather than .NET's, and pointing at the help
/// of the command being typed.
/// </summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData(new[] { "chek", "job.stream" }, "'chek'. Did you mean 'check'?", "dsl --help")]
    [InlineData(new[] { "releas" }, "'releas'. Did you mean 'release'?", "dsl --help")]
    [InlineData(new[] { "jobs", "lst" }, "'lst'. Did you mean 'list'?", "dsl jobs --help")]
    [InlineData(new[] { "jobs", "resume", "power" }, "'resume'. Did you mean 'start'?", "dsl jobs --help")]
    [InlineData(new[] { "token", "crate", "--role", "admin" }, "'crate'. Did you mean 'create'?", "dsl token --help")]
    [InlineData(new[] { "help" }, "'help'. Did you mean '--help'?", "dsl --help")]
    [InlineData(new[] { "--versio" }, "'--versio'. Did you mean '--version'?", "dsl --help")]
    public void A_mistyped_command_is_one_line_with_the_command_it_may_mean(string[] args, string unknown, string help)
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        var result = workspace.Dsl(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"dsl: Unrecognized command or argument {unknown}", $"Run '{help}' for usage."], result.ErrorLines);
        Assert.Empty(result.StandardOutput);
    }

    [Theory]
    [InlineData(new[] { "check", "--formt", "json", "job.stream" }, "'--formt'. Did you mean '--format'?", "dsl check --help")]
    [InlineData(new[] { "jobs", "list", "--sever", "http://127.0.0.1:1" }, "'--sever'. Did you mean '--server'?", "dsl jobs list --help")]
    [InlineData(new[] { "jobs", "logs", "power", "--limt" }, "'--limt'. Did you mean '--limit'?", "dsl jobs logs --help")]
    public void A_mistyped_option_names_the_option_it_may_mean(string[] args, string unknown, string help)
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        var result = workspace.Dsl(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"dsl: Unrecognized command or argument {unknown}", result.ErrorLines[0]);
        Assert.Equal($"Run '{help}' for usage.", result.ErrorLines[^1]);
        Assert.Empty(result.StandardOutput);
    }

    [Theory]
    [InlineData(new[] { "run", "job.stream", "--input", "in.jsonl", "--asset", "assets.json" }, "'--asset'. Did you mean '--assets'?", "dsl run --help")]
    [InlineData(new[] { "run", "job.stream", "--inptu", "in.jsonl" }, "'--inptu'. Did you mean '--input'?", "dsl run --help")]
    [InlineData(new[] { "preview", "job.stream", "--input", "in.jsonl", "--limt", "5" }, "'--limt'. Did you mean '--limit'?", "dsl preview --help")]
    [InlineData(new[] { "jobs", "logs", "power", "--limt", "5" }, "'--limt'. Did you mean '--limit'?", "dsl jobs logs --help")]
    public void The_value_of_a_mistyped_option_is_no_second_mistake(string[] args, string unknown, string help)
    {
        // The value goes with the option meant, and so does the requirement that option fulfils:
        // one typo is one line, as it is for the option alone.
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", "");
        workspace.Write("assets.json", "[]");

        var result = workspace.Dsl(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"dsl: Unrecognized command or argument {unknown}", $"Run '{help}' for usage."], result.ErrorLines);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public void A_word_after_a_mistyped_flag_is_still_reported()
    {
        // --strict takes no value, so a word after its typo is a mistake of its own.
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", "");

        var result = workspace.Dsl("run", "job.stream", "--input", "in.jsonl", "--strikt", "extra");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            ["dsl: Unrecognized command or argument '--strikt'. Did you mean '--strict'?", "dsl: Unrecognized command or argument 'extra'.", "Run 'dsl run --help' for usage."],
            result.ErrorLines);
    }

    [Theory]
    [InlineData(new[] { "jobs", "logs", "power", "-n", "5" }, "'-n'.", "dsl jobs logs --help")]
    [InlineData(new[] { "check", "-f", "json", "job.stream" }, "'-f'.", "dsl check --help")]
    [InlineData(new[] { "preview", "job.stream", "-I", "in.jsonl" }, "'-I'. Did you mean '-i'?", "dsl preview --help")]
    public void A_one_letter_option_is_not_taken_for_another_letter(string[] args, string unknown, string help)
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", "");

        var result = workspace.Dsl(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"dsl: Unrecognized command or argument {unknown}", result.ErrorLines[0]);
        Assert.Equal($"Run '{help}' for usage.", result.ErrorLines[^1]);
    }

    [Theory]
    [InlineData(new[] { "preview", "job.stream", "--input", "in.jsonl", "--limit", "ten" }, "'ten' for option '--limit': it must be a whole number, at most 2147483647.", "dsl preview --help")]
    [InlineData(new[] { "preview", "job.stream", "--input", "in.jsonl", "--limit", "3000000000" }, "'3000000000' for option '--limit': it must be a whole number, at most 2147483647.", "dsl preview --help")]
    [InlineData(new[] { "jobs", "logs", "power", "--limit", "-1" }, "'-1' for option '--limit': it must be a whole number from 0 to 4294967295.", "dsl jobs logs --help")]
    [InlineData(new[] { "jobs", "preview", "power", "--latest", "99999999999" }, "'99999999999' for option '--latest': it must be a whole number from 0 to 4294967295.", "dsl jobs preview --help")]
    [InlineData(new[] { "serve", "--checkpoint-seconds", "often" }, "'often' for option '--checkpoint-seconds': it must be a number.", "dsl serve --help")]
    public void A_value_of_the_wrong_kind_says_what_kind_is_wanted_not_a_type_name(string[] args, string refusal, string help)
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("in.jsonl", "");

        var result = workspace.Dsl(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"dsl: Cannot parse argument {refusal}", $"Run '{help}' for usage."], result.ErrorLines);
    }

    /// <summary>A value an option does not take is named with the option, the values it takes and the one it may mean.</summary>
    [Theory]
    [InlineData(new[] { "check", "job.stream", "--format", "jsn" }, "'jsn' is not a value of --format. Use text, json or sarif. Did you mean 'json'?", "dsl check --help")]
    [InlineData(new[] { "graph", "job.stream", "--format", "DOT" }, "'DOT' is not a value of --format. Use mermaid or dot. Did you mean 'dot'?", "dsl graph --help")]
    [InlineData(new[] { "graph", "job.stream", "--format", "svg" }, "'svg' is not a value of --format. Use mermaid or dot.", "dsl graph --help")]
    [InlineData(new[] { "new", "power", "--template", "mergee" }, "'mergee' is not a value of --template. Use window, merge, meter-energy or power-energy. Did you mean 'merge'?", "dsl new --help")]
    public void A_value_an_option_does_not_take_names_the_option_and_its_values(string[] args, string refusal, string help)
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        var result = workspace.Dsl(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"dsl: {refusal}", $"Run '{help}' for usage."], result.ErrorLines);
    }

    /// <summary>
    /// A token or daemon given as "" (a script's variable unset) is a usage error: left out, the
    /// command would run with the daemon's admin token or at the default address instead. The data
    /// folder holds an admin token, which the command would otherwise have taken.
    /// </summary>
    [Theory]
    [InlineData(new[] { "jobs", "pause", "power", "--token", "" }, "--token is empty: name a token, or leave the option out.", "dsl jobs pause --help")]
    [InlineData(new[] { "jobs", "--token", " ", "list" }, "--token is empty: name a token, or leave the option out.", "dsl jobs list --help")]
    [InlineData(new[] { "jobs", "list", "--server", "" }, "--server is empty: name the daemon, or leave the option out.", "dsl jobs list --help")]
    [InlineData(new[] { "release", "--token", "" }, "--token is empty: name a token, or leave the option out.", "dsl release --help")]
    [InlineData(new[] { "lock", "power", "--server", "" }, "--server is empty: name the daemon, or leave the option out.", "dsl lock --help")]
    public void An_empty_token_or_server_is_a_usage_error_not_the_default(string[] args, string refusal, string help)
    {
        using var workspace = new Workspace();
        workspace.Write("data/admin.token", "admin-secret");

        var result = workspace.Dsl(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"dsl: {refusal}", $"Run '{help}' for usage."], result.ErrorLines);
    }

    /// <summary>A --since that is not a time is refused before any call, in one line prefixed with the command.</summary>
    [Fact]
    public void A_since_that_is_not_a_time_is_refused_naming_the_command()
    {
        using var workspace = new Workspace();

        var result = workspace.Dsl("jobs", "logs", "power", "--since", "garbage", "--server", "http://127.0.0.1:1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["dsl jobs logs: --since: \"garbage\" is not a time; write e.g. 2026-06-01 08:00:00Z (UTC) or 2026-06-01T16:00+08:00."], result.ErrorLines);
    }

    /// <summary>The help adds "[default: …]" to every option that has one; a description that says it too repeats it.</summary>
    [Theory]
    [InlineData("preview", "[default: 1000]")]
    [InlineData("graph", "[default: mermaid]")]
    [InlineData("init", "[default: .]")]
    public void Help_states_each_default_once(string command, string shown)
    {
        using var workspace = new Workspace();

        var help = workspace.Dsl(command, "--help");

        Assert.Equal(0, help.ExitCode);
        var line = Assert.Single(help.OutputLines, l => l.Contains(shown, StringComparison.Ordinal));
        Assert.DoesNotContain("default)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("(default ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("by default", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_names_its_formats_as_the_docs_write_them()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        var refused = workspace.Dsl("check", "--format", "xml", "job.stream");
        var help = workspace.Dsl("check", "--help");

        Assert.Equal(2, refused.ExitCode);
        Assert.DoesNotContain("Dsl.Cli", refused.StandardError, StringComparison.Ordinal);
        Assert.Contains("Use text, json or sarif.", refused.StandardError, StringComparison.Ordinal);
        Assert.Contains("--format <json|sarif|text>", help.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[default: text]", help.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, workspace.Dsl("check", "--format", "sarif", "job.stream").ExitCode);
    }
}
