using System.Text.Json;
using Dsl.Cli.Commands;
using Dsl.Runtime.Hosting;
using Dsl.TestUtilities;

namespace Dsl.Cli.Tests;

/// <summary><c>dsl build</c>: the assembly, the manifest and the generated C# it writes, and its cache.</summary>
public sealed class BuildCommandTests
{
    [Fact]
    public void Build_writes_a_loadable_assembly_a_manifest_and_with_emit_cs_the_generated_code()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        var result = workspace.Dsl("build", "job.stream", "-o", "out", "--emit-cs");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["job.stream", "out/doubler.dll", "out/doubler.g.cs", "out/doubler.manifest.json"], workspace.Files().Select(f => f.Replace('\\', '/')));

        using var manifest = JsonDocument.Parse(workspace.Read("out/doubler.manifest.json"));
        var root = manifest.RootElement;
        Assert.Equal("doubler", root.GetProperty("job").GetString());
        var version = root.GetProperty("version").GetString() ?? "";
        Assert.Matches("^[0-9a-f]{7}$", version);
        string[] Points(string list) => [.. root.GetProperty(list).EnumerateArray().Select(p => p.GetProperty("model").GetString() + "::" + p.GetProperty("point").GetString())];
        Assert.Contains("M::A", Points("inputs"));
        Assert.DoesNotContain("M::A", Points("outputs"));
        Assert.Equal(["M::Twice", "M::TwiceMax10m"], Points("outputs").Order(StringComparer.Ordinal));
        var operators = root.GetProperty("operators").EnumerateArray().ToArray();
        Assert.Equal(["merge", "window"], operators.Select(o => o.GetProperty("kind").GetString()).Order(StringComparer.Ordinal));
        Assert.All(operators, o => Assert.Matches("^[0-9a-f]{12}$", o.GetProperty("fingerprint").GetString() ?? ""));

        using (var job = LoadedJob.Load(File.ReadAllBytes(Path.Combine(workspace.Directory, "out", "doubler.dll")), "build-test"))
        {
            Assert.Equal("doubler", job.Job.Manifest.Name);
            Assert.Equal(version, job.Job.Manifest.Version);
            Assert.Equal(operators.Select(o => o.GetProperty("fingerprint").GetString()), job.Job.Manifest.Operators.Select(o => o.Fingerprint));
        }

        Assert.Contains($"namespace Dsl.Jobs.V{version};", workspace.Read("out/doubler.g.cs"), StringComparison.Ordinal);
        Assert.Contains("doubler", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_without_emit_cs_writes_no_generated_code()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        var result = workspace.Dsl("build", "job.stream", "-o", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["job.stream", "out/doubler.dll", "out/doubler.manifest.json"], workspace.Files().Select(f => f.Replace('\\', '/')));
    }

    [Fact]
    public void A_second_build_reuses_the_cached_assembly_and_a_damaged_cache_entry_is_rebuilt()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained.Replace("job doubler", "job cached_doubler", StringComparison.Ordinal));
        var cache = Path.Combine(workspace.Directory, "cache");

        var first = DslCli.Run(workspace.Directory, ["build", "job.stream", "-o", "a"], cache: cache);
        var second = DslCli.Run(workspace.Directory, ["build", "job.stream", "-o", "b"], cache: cache);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.DoesNotContain("(cached)", first.StandardError, StringComparison.Ordinal);
        Assert.Contains("(cached)", second.StandardError, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(workspace.Directory, "a", "cached_doubler.dll")), File.ReadAllBytes(Path.Combine(workspace.Directory, "b", "cached_doubler.dll")));

        // Cut the cached assembly short, as a full disk or a killed writer would.
        var entry = Assert.Single(Directory.GetFiles(cache, "*.dll"));
        File.WriteAllBytes(entry, File.ReadAllBytes(entry)[..200]);

        var third = DslCli.Run(workspace.Directory, ["build", "job.stream", "-o", "c"], cache: cache);
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.DoesNotContain("(cached)", third.StandardError, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(workspace.Directory, "a", "cached_doubler.dll")), File.ReadAllBytes(Path.Combine(workspace.Directory, "c", "cached_doubler.dll")));
        var run = DslCli.Run(workspace.Directory, ["run", "job.stream", "--input", "-"], Jobs.Record("d", "A", "2026-01-05T10:00:00Z", 1) + "\n", cache);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, run.OutputLines.Length);
    }

    [Fact]
    public void Build_of_a_model_library_fails_with_DSL4003()
    {
        using var workspace = new Workspace();
        workspace.Write("models.stream", "model M {\n  ai A: double\n}\n");

        var result = workspace.Dsl("build", "models.stream", "-o", "out");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error DSL4003", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(["models.stream"], workspace.Files());
    }

    [Fact]
    public void Build_of_a_job_with_errors_prints_them_and_writes_nothing()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained.Replace("Factor * A", "Factor * Nope", StringComparison.Ordinal));

        var result = workspace.Dsl("build", "job.stream", "-o", "out");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("job.stream(11,20): error DSL2003", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(["job.stream"], workspace.Files());
    }

    [Fact]
    public void Build_keeps_every_file_inside_the_output_folder_whatever_the_job_is_called()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained.Replace("job doubler", "job `../escape \"me\"`", StringComparison.Ordinal));

        var result = workspace.Dsl("build", "job.stream", "-o", "out/deep", "--emit-cs");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["job.stream", "out/deep/___escape__me_.dll", "out/deep/___escape__me_.g.cs", "out/deep/___escape__me_.manifest.json"],
            workspace.Files().Select(f => f.Replace('\\', '/')));
        using var manifest = JsonDocument.Parse(workspace.Read("out/deep/___escape__me_.manifest.json"));
        Assert.Equal("../escape \"me\"", manifest.RootElement.GetProperty("job").GetString());
    }

    [Fact]
    public void Build_shortens_the_file_name_of_a_very_long_job_name()
    {
        using var workspace = new Workspace();
        var name = new string('j', 300);
        workspace.Write("job.stream", Jobs.Chained.Replace("job doubler", "job " + name, StringComparison.Ordinal));

        var result = workspace.Dsl("build", "job.stream", "-o", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        var manifestFile = Assert.Single(workspace.Files(), f => f.EndsWith(".manifest.json", StringComparison.Ordinal));
        var stem = Path.GetFileName(manifestFile)[..^".manifest.json".Length];
        Assert.Equal(100, stem.Length);
        Assert.StartsWith(new string('j', 91) + "_", stem, StringComparison.Ordinal);
        Assert.NotEqual(stem, Dsl.Compiler.Emit.JobFileName.Stem(new string('j', 301)));
        using var manifest = JsonDocument.Parse(workspace.Read(manifestFile));
        Assert.Equal(name, manifest.RootElement.GetProperty("job").GetString());
    }

    [Fact]
    public void Build_into_a_folder_it_cannot_create_is_a_one_line_error()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        workspace.Write("out", "a file where the folder belongs");

        var result = workspace.Dsl("build", "job.stream", "-o", "out");
        var deeper = workspace.Dsl("build", "job.stream", "-o", "out/deep/");

        Assert.Equal((1, "dsl build: cannot write into out: out is a file, not a folder"), (result.ExitCode, Assert.Single(result.ErrorLines)));
        Assert.Equal((1, "dsl build: cannot write into out/deep/: out is a file, not a folder"), (deeper.ExitCode, Assert.Single(deeper.ErrorLines)));
        Assert.Equal("a file where the folder belongs", workspace.Read("out"));
    }

    /// <summary>
    /// A folder the file system will not create (/proc takes no new entries) is named with the
    /// reason, in one line, and not in .NET's words ("Could not find file '/proc/…'").
    /// </summary>
    [ProcFileSystemFact]
    public void Build_into_a_folder_the_file_system_refuses_names_the_folder_and_why()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);

        var result = workspace.Dsl("build", "job.stream", "-o", "/proc/dsl-build-out");

        Assert.Equal((1, "dsl build: cannot create the folder /proc/dsl-build-out: /proc does not allow new folders in it"), (result.ExitCode, Assert.Single(result.ErrorLines)));
        Assert.False(Directory.Exists("/proc/dsl-build-out"));
    }

    /// <summary>A folder where one of the files goes is named as the file that cannot be written, and why.</summary>
    [Fact]
    public void Build_over_a_folder_named_as_its_assembly_names_that_file()
    {
        using var workspace = new Workspace();
        workspace.Write("job.stream", Jobs.Chained);
        Directory.CreateDirectory(Path.Combine(workspace.Directory, "out", "doubler.dll"));

        var result = workspace.Dsl("build", "job.stream", "-o", "out");

        Assert.Equal((1, "dsl build: cannot write out/doubler.dll: it is a folder, not a file"), (result.ExitCode, Assert.Single(result.ErrorLines)));
    }

    [Fact]
    public void Build_of_a_job_that_cannot_be_read_is_a_one_line_error()
    {
        using var workspace = new Workspace();
        var locked = workspace.Write("job.stream", Jobs.Chained);
        // Another process holding the file exclusively makes reading it fail, even for root.
        using var holder = new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var result = workspace.Dsl("build", "job.stream", "-o", "out");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("dsl build: cannot read job.stream: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
