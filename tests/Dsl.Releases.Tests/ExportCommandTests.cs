using Dsl.TestUtilities;

namespace Dsl.Releases.Tests;

/// <summary><c>dsl export</c> as a user runs it.</summary>
public sealed class ExportCommandTests
{
    /// <summary>
    /// An output that names a file of the export (the job, from jobs/ as -o JOB.stream, or a model it
    /// imports) would replace that source with the JSON: a usage error, and the file is left as it is.
    /// </summary>
    [Theory]
    [InlineData("jobs", "doubler.stream", "jobs/doubler.stream")]
    [InlineData("models", "shared.stream", "models/shared.stream")]
    public void Dsl_export_refuses_an_output_that_is_a_file_of_the_export(string folder, string output, string source)
    {
        using var sandbox = new Sandbox();
        Sandbox.WriteModel(sandbox.Workspace, "shared", Jobs.SharedModel);
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.Importing("doubler"));

        var refused = CliTests.Dsl(Path.Combine(sandbox.Workspace.Root, folder), "export", "doubler", "-o", output);

        Assert.Equal(
            (2, $"dsl export: the output {output} is a file of the export ({source}); writing it would replace it. Write the export to another file."),
            (refused.ExitCode, refused.Error.Trim()));
        Assert.Equal(Jobs.Importing("doubler"), File.ReadAllText(sandbox.Workspace.JobFile("doubler")));
        Assert.Equal(Jobs.SharedModel, File.ReadAllText(Path.Combine(sandbox.Workspace.Root, "models", "shared.stream")));
    }

    /// <summary>An output that is a symbolic link whose target's folder is not there says so, not that the link's own folder refuses files.</summary>
    [Fact]
    public void Dsl_export_names_a_dangling_link_as_the_output()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.Window("doubler"));
        var target = Path.Combine(sandbox.Root, "missing", "out.json");
        File.CreateSymbolicLink(Path.Combine(sandbox.Workspace.Root, "x.json"), target);

        var refused = CliTests.Dsl(sandbox.Workspace.Root, "export", "doubler", "-o", "x.json");

        Assert.Equal((1, $"dsl export: cannot write x.json: it is a symbolic link to {target}, whose folder does not exist"), (refused.ExitCode, refused.Error.Trim()));
    }

    /// <summary>
    /// -o - writes the export alone to standard output (the line saying what was exported goes to
    /// standard error), and dsl import - reads one from standard input: a pipe between workspaces.
    /// </summary>
    [Fact]
    public void Dsl_export_to_standard_output_and_import_from_standard_input()
    {
        using var sandbox = new Sandbox();
        Sandbox.WriteModel(sandbox.Workspace, "shared", Jobs.SharedModel);
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.Importing("doubler"));
        var other = sandbox.NewWorkspace("other");

        var exported = CliTests.Dsl(sandbox.Workspace.Root, "export", "doubler", "-o", "-");
        var piped = Path.Combine(sandbox.Root, "piped.json");
        File.WriteAllText(piped, exported.Output);
        var imported = CliTests.DslReading(other.Root, piped, "import", "-");

        Assert.True(exported.ExitCode == 0, exported.Error);
        Assert.Equal("Exported doubler: jobs/doubler.stream, models/shared.stream.", exported.Error.Trim());
        Assert.False(File.Exists(Path.Combine(sandbox.Workspace.Root, "-")));
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Equal("wrote jobs/doubler.stream\nwrote models/shared.stream", imported.Output.Trim());
        Assert.Equal(Jobs.Importing("doubler"), File.ReadAllText(other.JobFile("doubler")));
        Assert.Equal(Jobs.SharedModel, File.ReadAllText(Path.Combine(other.Root, "models", "shared.stream")));
    }

    /// <summary>
    /// An output whose folder is not there, or is a file, is named in one line as the user wrote it,
    /// exit 1, rather than in .NET's "Could not find a part of the path" of the absolute path.
    /// </summary>
    [Theory]
    [InlineData("exports/doubler.json", "dsl export: cannot write exports/doubler.json: no such folder: exports")]
    [InlineData("jobs/doubler.stream/out.json", "dsl export: cannot write jobs/doubler.stream/out.json: jobs/doubler.stream is a file, not a folder")]
    public void Dsl_export_names_an_output_folder_that_is_not_there(string output, string expected)
    {
        using var sandbox = new Sandbox();
        Sandbox.WriteModel(sandbox.Workspace, "shared", Jobs.SharedModel);
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.Importing("doubler"));

        var refused = CliTests.Dsl(sandbox.Workspace.Root, "export", "doubler", "-o", output);

        Assert.Equal((1, expected, ""), (refused.ExitCode, refused.Error.Trim(), refused.Output));
    }

    /// <summary>An output the file system will not create (/proc takes no new files) is named with the reason, exit 1.</summary>
    [ProcFileSystemFact]
    public void Dsl_export_names_an_output_the_file_system_refuses_and_why()
    {
        using var sandbox = new Sandbox();
        Sandbox.WriteModel(sandbox.Workspace, "shared", Jobs.SharedModel);
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.Importing("doubler"));

        var refused = CliTests.Dsl(sandbox.Workspace.Root, "export", "doubler", "-o", "/proc/dsl-export.json");

        Assert.Equal((1, "dsl export: cannot write /proc/dsl-export.json: /proc does not allow new files in it", ""), (refused.ExitCode, refused.Error.Trim(), refused.Output));
    }

    /// <summary>An empty -o ("-o "$OUT"" with the variable unset) is a usage error that says so.</summary>
    [Fact]
    public void Dsl_export_refuses_an_empty_output_as_a_usage_error()
    {
        using var sandbox = new Sandbox();
        Sandbox.WriteModel(sandbox.Workspace, "shared", Jobs.SharedModel);
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.Importing("doubler"));

        var refused = CliTests.Dsl(sandbox.Workspace.Root, "export", "doubler", "-o", "");

        Assert.Equal((2, "dsl export: --output is empty: name a file.", ""), (refused.ExitCode, refused.Error.Trim(), refused.Output));
    }
}
