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

    /// <summary>A check of a folder it could not list would otherwise pass as the check of an empty one.</summary>
    [Fact]
    public void A_folder_that_cannot_be_read_is_said_and_not_taken_for_an_empty_one()
    {
        _workspace.Write(Path.Combine("jobs", "job.stream"), Jobs.Chained);
        _workspace.Write(Path.Combine("jobs", "old", "job.stream"), Jobs.Chained.Replace("job doubler", "job old", StringComparison.Ordinal));
        Unreadable(Path.Combine(_workspace.Directory, "jobs", "old"));

        var result = DslCli.RunWithFilePermissions(_workspace.Directory, "check", "jobs");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"dsl check: cannot read the folder {Path.Combine("jobs", "old")}: permission denied"], result.ErrorLines);
        Assert.Equal(["Checked 1 file: 0 errors, 0 warnings."], result.OutputLines);
    }

    [Fact]
    public void A_folder_named_that_cannot_be_read_is_said_by_fmt_too()
    {
        _workspace.Write(Path.Combine("jobs", "job.stream"), Jobs.Chained);
        Unreadable(Path.Combine(_workspace.Directory, "jobs"));

        var result = DslCli.RunWithFilePermissions(_workspace.Directory, "fmt", "--check", "jobs");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["dsl fmt: cannot read the folder jobs: permission denied"], result.ErrorLines);
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

    /// <summary>Where nothing else names the file, the line does, as Unix tools do: relative to where the command runs.</summary>
    [Fact]
    public void A_workspace_command_names_the_file_it_cannot_write_and_why()
    {
        Assert.Equal(0, _workspace.Dsl("init").ExitCode);
        ReadOnly(Path.Combine(_workspace.Directory, "jobs"));

        var result = DslCli.RunWithFilePermissions(_workspace.Directory, "new", "power");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"dsl new: {Path.Combine("jobs", "power.stream")}: permission denied"], result.ErrorLines);
    }

    [Fact]
    public void A_workspace_command_names_the_file_it_cannot_read_and_why()
    {
        Assert.Equal(0, _workspace.Dsl("init").ExitCode);
        Assert.Equal(0, _workspace.Dsl("new", "power").ExitCode);
        Unreadable(Path.Combine(_workspace.Directory, "jobs", "power.stream"));

        var result = DslCli.RunWithFilePermissions(_workspace.Directory, "export", "power", "-o", "power.export.stream");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"dsl export: {Path.Combine("jobs", "power.stream")}: permission denied"], result.ErrorLines);
        Assert.False(_workspace.Exists("power.export.stream"));
    }

    [Fact]
    public void A_token_in_a_data_directory_that_cannot_be_written_is_one_line()
    {
        string data = Path.Combine(_workspace.Directory, "data");
        Directory.CreateDirectory(data);
        ReadOnly(data);

        var result = DslCli.RunWithFilePermissions(_workspace.Directory, "token", "create", "--role", "viewer", "--data", "data");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"dsl token create: cannot write the tokens in {Path.Combine("data", "config.json")}: permission denied"], result.ErrorLines);
        Assert.Empty(result.OutputLines);
    }

    [Fact]
    public void A_daemon_whose_data_directory_cannot_be_written_does_not_start_and_says_why()
    {
        string data = Path.Combine(_workspace.Directory, "data");
        Directory.CreateDirectory(data);
        ReadOnly(data);

        var result = DslCli.RunWithFilePermissions(_workspace.Directory, "serve", "--data", "data", "--listen", "127.0.0.1:0");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["dsl serve: cannot write in the data directory data: permission denied"], result.ErrorLines);
    }

    /// <summary>
    /// A state file the run may not read (here a file FASTER opens as it recovers its checkpoint, one
    /// the checkpoint's own check does not read first) is named with the reason, and the state is not
    /// called damaged (DSL5001), whose advice to delete the directory would throw intact state away.
    /// </summary>
    [Fact]
    public void A_state_file_that_cannot_be_read_is_named_and_the_state_not_called_damaged()
    {
        _workspace.Write("job.stream", Jobs.Chained);
        _workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");
        string[] run = ["run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl", "--state", "state"];
        Assert.Equal(0, _workspace.Dsl(run).ExitCode);
        // The rerun (nothing to do) leaves the file FASTER's recovery creates beside the checkpoint's own.
        Assert.Equal(0, _workspace.Dsl(run).ExitCode);
        string delta = Assert.Single(Directory.GetFiles(Path.Combine(_workspace.Directory, "state", "store"), "delta.dat.0", SearchOption.AllDirectories));
        Unreadable(delta);

        var result = DslCli.RunWithFilePermissions(_workspace.Directory, run);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"dsl run: {Path.GetRelativePath(_workspace.Directory, delta)}: permission denied"], result.ErrorLines);
    }

    /// <summary>An output that may not be written is said so by a resumable run too, not taken for a device.</summary>
    [Fact]
    public void A_resumable_run_says_its_output_cannot_be_written()
    {
        _workspace.Write("job.stream", Jobs.Chained);
        _workspace.Write("in.jsonl", Jobs.Record("d1", "A", "2026-01-05T10:00:00Z", 2) + "\n");
        Unreadable(_workspace.Write("out.jsonl", ""));

        var result = DslCli.RunWithFilePermissions(_workspace.Directory, "run", "job.stream", "--input", "in.jsonl", "--output", "out.jsonl", "--state", "state");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["dsl run: cannot write out.jsonl: permission denied"], result.ErrorLines);
    }

    public void Dispose()
    {
        Reopen(_workspace.Directory);
        _workspace.Dispose();
    }

    // Another user than root could not empty the folders these tests closed: each is opened before it is listed.
    private static void Reopen(string folder)
    {
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (string inner in Directory.GetDirectories(folder))
            Reopen(inner);
    }

    private static void Unreadable(string path) => File.SetUnixFileMode(path, UnixFileMode.None);

    private static void ReadOnly(string folder) => File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
}
