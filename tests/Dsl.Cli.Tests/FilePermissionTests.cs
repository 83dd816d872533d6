using System.Runtime.Versioning;
using Dsl.TestUtilities;

namespace Dsl.Cli.Tests;

/// <summary>
/// Files the system will not let a command read or write, said in one line that names the file as
/// the user wrote it and why in a phrase (<c>permission denied</c>), not in .NET's words with the
/// path made absolute. Each command runs stopped by file permissions, also as root (<see cref="FilePermissions"/>).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class FilePermissionTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public FilePermissionTests() => DslCli.WarmChainedJob();

    [Fact]
    public void A_job_file_that_cannot_be_read_is_one_line_and_a_user_error()
    {
        Unreadable(_workspace.Write("job.stream", Jobs.Chained));

        var result = DslCli.RunWithFilePermissions(_workspace.Directory, "check", "job.stream");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["dsl check: cannot read job.stream: permission denied"], result.ErrorLines);
    }

    [Fact]
    public void An_import_that_cannot_be_read_says_so_not_that_it_is_missing()
    {
        _workspace.Write("jobs/main.stream", "job main\nimport \"../lib/models.stream\"\nmerge M on A { B = A }\n");
        Unreadable(_workspace.Write("lib/models.stream", "model M {\n  ai A\n  ai B\n}\n"));

        var result = DslCli.RunWithFilePermissions(_workspace.Directory, "check", "jobs/main.stream");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
        [
            Path.Combine("jobs", "main.stream") + $"(2,8): error DSL2022: The imported file \"../lib/models.stream\" at \"{Path.Combine("jobs", "..", "lib", "models.stream")}\" cannot be read: permission denied",
            "Checked 1 file: 1 error, 0 warnings.",
        ], result.OutputLines);
    }

    [Fact]
    public void An_input_that_cannot_be_read_stops_the_run_before_it_starts()
    {
        _workspace.Write("job.stream", Jobs.Chained);
        Unreadable(_workspace.Write("in.jsonl", Jobs.Record("a", "A", "2026-01-01T00:00:00Z", 1) + "\n"));

        var result = DslCli.RunWithFilePermissions(_workspace.Directory, "run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["dsl run: cannot read in.jsonl: permission denied"], result.ErrorLines);
        Assert.False(_workspace.Exists("out.jsonl"));
    }

    [Fact]
    public void Asset_data_that_cannot_be_read_stops_a_preview_before_it_starts()
    {
        _workspace.Write("job.stream", Jobs.Chained);
        _workspace.Write("in.jsonl", Jobs.Record("a", "A", "2026-01-01T00:00:00Z", 1) + "\n");
        Unreadable(_workspace.Write("assets.json", "{}"));

        var result = DslCli.RunWithFilePermissions(_workspace.Directory, "preview", "job.stream", "--input", "in.jsonl", "--assets", "assets.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["dsl preview: cannot read assets.json: permission denied"], result.ErrorLines);
    }

    /// <summary>The edits are not made, and the file's diagnostics are reported as they are.</summary>
    [Fact]
    public void Fix_of_a_file_that_cannot_be_written_says_so_and_keeps_its_diagnostics()
    {
        const string Written = "job fixable\n\nmodel M {\n  ai A kW range 0..10\n  ai B kW\n}\n\nmerge M on A {\n  B = A\n}\n";
        string path = _workspace.Write("fixable.stream", Written);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = DslCli.RunWithFilePermissions(_workspace.Directory, "check", "--fix", "fixable.stream");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["dsl check: cannot write fixable.stream: permission denied"], result.ErrorLines);
        Assert.Equal(
        [
            "fixable.stream(4,17): error DSL1006: The number '0..10' is not valid. A range of values is an interval: write [0, 10] (or [0, 10) to leave 10 out).",
            "Checked 1 file: 1 error, 0 warnings.",
        ], result.OutputLines);
        Assert.Equal(Written, _workspace.Read("fixable.stream"));
    }

    /// <summary>The daemon makes the file readable only by the user running it: another user is told so, not "Access to the path … is denied".</summary>
    [Fact]
    public void An_admin_token_file_that_cannot_be_read_is_named_with_what_to_do()
    {
        Unreadable(_workspace.Write(Path.Combine("data", "admin.token"), "dsl_secret\n"));

        var result = DslCli.RunWithFilePermissions(_workspace.Directory, "jobs", "list", "--data", "data");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
        [
            $"dsl jobs: No token: pass --token or set DSL_TOKEN ({Path.Combine("data", "admin.token")} cannot be read: permission denied; it is readable only by the user the daemon runs as, so run the command as that user). An admin creates tokens with 'dsl token create --role ROLE'.",
        ], result.ErrorLines);
    }

    public void Dispose() => _workspace.Dispose();

    private static void Unreadable(string path) => File.SetUnixFileMode(path, UnixFileMode.None);
}
