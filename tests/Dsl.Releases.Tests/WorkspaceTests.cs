using Dsl.Compiler;
using Dsl.Compiler.Text;
using Dsl.Releases.Git;
using Dsl.Releases.Workspaces;

namespace Dsl.Releases.Tests;

/// <summary>The workspace commands: new, save, log, diff, revert, export and import.</summary>
public sealed class WorkspaceTests
{
    public static TheoryData<string> Templates() => [.. JobTemplates.Names];

    /// <summary>The daemon of a remote is the one whose git URL it is: the inverse of <see cref="Workspace.GitUrl"/>.</summary>
    [Theory]
    [InlineData("http://127.0.0.1:7400", "http://127.0.0.1:7401/git/jobs.git")]
    [InlineData("https://dsl.example.com:7400", "https://dsl.example.com:7400/git/jobs.git")]
    [InlineData("http://dsl.example.com:9000", "http://dsl:secret@dsl.example.com:9001/git/jobs.git/")]
    public void The_daemon_of_a_remote_is_the_one_whose_git_url_it_is(string server, string remote)
    {
        Assert.Equal(server, Workspace.ServerOf(remote));
        Assert.Equal(server, Workspace.ServerOf(Workspace.GitUrl(new Uri(server))));
    }

    [Fact]
    public void A_remote_that_is_no_daemon_repository_names_no_daemon_and_keeps_its_token_to_itself()
    {
        var refused = Assert.Throws<WorkspaceException>(() => Workspace.ServerOf("https://dsl:secret@git.example.com/dsl/jobs.git"));

        Assert.Equal("cannot tell the daemon's address from the remote https://git.example.com/dsl/jobs.git (a daemon serves its repository at /git/jobs.git): pass --server.", refused.Message);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_template_compiles_cleanly(string template)
    {
        var compilation = Compilation.Create(SourceText.From(JobTemplates.Render(template, "my_job"), "/ws/jobs/my_job.stream"));

        Assert.Empty(compilation.GetDiagnostics());
        Assert.Equal("my_job", compilation.Job?.Name);
    }

    [Fact]
    public void Save_refuses_a_broken_job_with_its_diagnostics()
    {
        using var sandbox = new Sandbox();
        var workspace = sandbox.Workspace;
        workspace.New("stats", "window");
        Assert.NotNull(workspace.Save("template").Commit);

        Sandbox.Write(workspace, "stats", Jobs.Broken("stats"));
        var saved = workspace.Save("broken");

        Assert.True(saved.HasErrors);
        Assert.Null(saved.Commit);
        Assert.Contains(saved.Diagnostics, d => d.StartsWith("jobs/stats.stream(", StringComparison.Ordinal) && d.Contains("error DSL", StringComparison.Ordinal));
        Assert.Single(workspace.Log("stats"));
    }

    [Fact]
    public void Save_refuses_a_job_file_that_does_not_declare_its_job_as_the_release_does()
    {
        using var sandbox = new Sandbox();
        var workspace = sandbox.Workspace;
        Sandbox.Write(workspace, "power", Jobs.Window("power"));
        Sandbox.Write(workspace, "other", Jobs.Window("power"));

        var saved = workspace.Save("a copy of power");

        Assert.True(saved.HasErrors);
        Assert.Null(saved.Commit);
        Assert.Equal(["error: jobs/other.stream declares job 'power'; a job file must be named after its job."], saved.Diagnostics);

        Sandbox.Write(workspace, "other", Jobs.SharedModel);
        var library = workspace.Save("a model library in jobs/");

        Assert.Null(library.Commit);
        Assert.Equal(["error: jobs/other.stream has no `job` line; model libraries belong in models/."], library.Diagnostics);
    }

    /// <summary>The daemon runs only jobs/NAME.stream: a job in another file of jobs/ would never run.</summary>
    [Fact]
    public void Save_refuses_a_job_in_jobs_whose_file_the_daemon_would_never_run()
    {
        using var sandbox = new Sandbox();
        var workspace = sandbox.Workspace;
        File.WriteAllText(Path.Combine(workspace.Root, "jobs", "my-stats.stream"), Jobs.Window("my_stats"));
        Directory.CreateDirectory(Path.Combine(workspace.Root, "jobs", "drafts"));
        File.WriteAllText(Path.Combine(workspace.Root, "jobs", "drafts", "power.stream"), Jobs.Window("power"));

        var saved = workspace.Save("two jobs that would never run");

        Assert.True(saved.HasErrors);
        Assert.Null(saved.Commit);
        Assert.Equal(
            [
                "error: jobs/drafts/power.stream declares job 'power', but the daemon runs only files named after their job: move it to jobs/power.stream.",
                "error: jobs/my-stats.stream declares job 'my_stats', but the daemon runs only files named after their job: move it to jobs/my_stats.stream.",
            ],
            saved.Diagnostics);
    }

    [Fact]
    public void Save_names_the_job_a_git_mv_removes()
    {
        using var sandbox = new Sandbox();
        var workspace = sandbox.Workspace;
        Sandbox.Write(workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(workspace, "stats");
        GitRunner.Check(workspace.Root, ["mv", "jobs/stats.stream", "jobs/totals.stream"]);
        Sandbox.Write(workspace, "totals", Jobs.Window("totals"));
        GitRunner.Check(workspace.Root, ["add", "jobs/totals.stream"]);

        var saved = workspace.Save("stats is now totals");

        Assert.NotNull(saved.Commit);
        Assert.Equal(["totals"], saved.Checked);
        Assert.Equal(["stats"], saved.Removed);
    }

    [Fact]
    public void Save_resolves_imports_as_the_release_does_only_inside_jobs_and_models()
    {
        using var sandbox = new Sandbox();
        var workspace = sandbox.Workspace;
        // Beside the workspace, so it exists on disk but is no file of the workspace.
        var outside = Path.Combine(sandbox.Root, "hostmodel.stream");
        File.WriteAllText(outside, Jobs.SharedModel);
        Sandbox.Write(workspace, "relative", Jobs.ImportingFrom("relative", "../../hostmodel.stream"));
        Sandbox.Write(workspace, "absolute", Jobs.ImportingFrom("absolute", outside));

        var saved = workspace.Save("models from outside");

        Assert.Null(saved.Commit);
        Assert.Equal(
            [
                $"jobs/absolute.stream(3,8): error DSL2012: The imported file \"{outside}\" was not found at \"{outside}\". Import paths are relative to the importing file; correct the path.",
                "jobs/relative.stream(3,8): error DSL2012: The imported file \"../../hostmodel.stream\" was not found at \"jobs/../../hostmodel.stream\". Import paths are relative to the importing file; correct the path.",
            ],
            saved.Diagnostics.Where(d => d.Contains("DSL2012", StringComparison.Ordinal)));
    }

    [Fact]
    public void Save_says_an_import_of_a_folder_of_the_workspace_is_a_folder()
    {
        using var sandbox = new Sandbox();
        var workspace = sandbox.Workspace;
        Sandbox.WriteModel(workspace, "shared", Jobs.SharedModel);
        Sandbox.Write(workspace, "folder", Jobs.ImportingFrom("folder", "../models"));
        Sandbox.Write(workspace, "root", Jobs.ImportingFrom("root", ".."));

        var saved = workspace.Save("a folder imported");

        Assert.Null(saved.Commit);
        Assert.Contains(saved.Diagnostics, d => d.StartsWith("jobs/folder.stream(3,8): error DSL2020: The imported path \"../models\" is the directory", StringComparison.Ordinal));
        Assert.Contains(saved.Diagnostics, d => d.StartsWith("jobs/root.stream(3,8): error DSL2020: The imported path \"..\" is the directory", StringComparison.Ordinal));
    }

    [Fact]
    public void Save_checks_a_changed_model_library_that_no_job_imports()
    {
        using var sandbox = new Sandbox();
        var workspace = sandbox.Workspace;
        workspace.New("stats", "window");
        Sandbox.WriteModel(workspace, "lib", Jobs.BrokenModel);

        var saved = workspace.Save("a broken library");

        Assert.Null(saved.Commit);
        Assert.Equal(["stats"], saved.Checked);
        var error = Assert.Single(saved.Diagnostics);
        Assert.StartsWith("models/lib.stream(2,9): error DSL2008: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_diff_and_revert_follow_the_online_version()
    {
        using var sandbox = new Sandbox();
        var workspace = sandbox.Workspace;
        Sandbox.Write(workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(workspace, "first");
        var released = workspace.Release(sandbox.Repository, token: null, restart: false);
        Assert.True(released.Success, released.Combined);

        var online = File.ReadAllText(workspace.JobFile("stats"));
        Sandbox.Write(workspace, "stats", Jobs.Window("stats").Replace("ten-minute", "edited", StringComparison.Ordinal));
        Sandbox.Save(workspace, "second");

        var log = workspace.Log("stats");
        Assert.Equal(["second", "first"], log.Select(e => e.Subject));
        Assert.Equal(["stats/v1"], log[1].Tags);
        Assert.Contains("+job stats \"edited statistics\"", workspace.Diff("stats", "v1", "HEAD"));
        Assert.Contains("-job stats \"ten-minute statistics\"", workspace.Diff("stats", "online", null));
        Assert.Equal("", workspace.Diff("stats", null, null));

        workspace.Revert("stats", sandbox.Repository, token: null);

        Assert.Equal(online, File.ReadAllText(workspace.JobFile("stats")));
    }

    /// <summary>
    /// git stamps commits to the second, so two saves in one second tie on date. A clone made between
    /// the two releases starts its log from its own HEAD, the older commit: it still comes after the newer.
    /// </summary>
    [Fact]
    public void Log_lists_versions_made_in_the_same_second_newest_first()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        CommitInSameSecond(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        var clone = sandbox.Clone("clone");
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats").Replace("ten-minute", "edited", StringComparison.Ordinal));
        CommitInSameSecond(sandbox.Workspace, "second");
        Assert.True(sandbox.Push().Success);
        Assert.True(clone.Fetch(sandbox.Repository, token: null).Success);

        var log = clone.Log("stats");

        Assert.Equal(["second", "first"], log.Select(e => e.Subject));
        Assert.Equal([["stats/v2"], ["stats/v1"]], log.Select(e => e.Tags));
    }

    private static void CommitInSameSecond(Workspace workspace, string message)
    {
        const string second = "2026-03-01T12:00:00+00:00";
        GitRunner.Check(workspace.Root, ["add", "--all"]);
        GitRunner.Check(workspace.Root, ["commit", "--quiet", "-m", message], environment: new Dictionary<string, string?> { ["GIT_AUTHOR_DATE"] = second, ["GIT_COMMITTER_DATE"] = second });
    }

    [Fact]
    public void Log_shows_a_release_tag_made_on_a_merge_beside_the_commit_that_changed_the_job()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "base");
        Assert.True(sandbox.Workspace.Release(sandbox.Repository, token: null, restart: false).Success);
        var first = sandbox.Clone("first");
        var second = sandbox.Clone("second");
        Sandbox.Write(first, "one", Jobs.Window("one"));
        Sandbox.Save(first, "one");
        Assert.True(first.Release(sandbox.Repository, token: null, restart: false).Success);
        Sandbox.Write(second, "two", Jobs.Window("two"));
        Sandbox.Save(second, "two");
        Assert.False(second.Release(sandbox.Repository, token: null, restart: false).Success);

        // What docs/releases.md prescribes after a rejected push: fetch, merge, release again.
        GitRunner.Check(second.Root, ["pull", "--quiet", "--no-rebase", "--no-edit", sandbox.Repository, "release"]);
        Assert.True(second.Release(sandbox.Repository, token: null, restart: false).Success);

        var entry = Assert.Single(second.Log("two"));
        Assert.Equal("two", entry.Subject);
        Assert.Equal(["two/v1"], entry.Tags);
    }

    [Fact]
    public void Log_shows_a_release_made_by_a_model_change_beside_the_job_s_last_commit()
    {
        using var sandbox = new Sandbox();
        var workspace = sandbox.Workspace;
        Sandbox.WriteModel(workspace, "shared", Jobs.SharedModel);
        Sandbox.Write(workspace, "doubler", Jobs.Importing("doubler"));
        Sandbox.Save(workspace, "first");
        Assert.True(workspace.Release(sandbox.Repository, token: null, restart: false).Success);
        Sandbox.WriteModel(workspace, "shared", Jobs.SharedModel.Replace("ai Doubled kW", "ai Doubled kW\n  ai Spare", StringComparison.Ordinal));
        Sandbox.Save(workspace, "model");
        Assert.True(workspace.Release(sandbox.Repository, token: null, restart: false).Success);

        var entry = Assert.Single(workspace.Log("doubler"));
        Assert.Equal("first", entry.Subject);
        Assert.Equal(["doubler/v1", "doubler/v2"], entry.Tags);
    }

    [Fact]
    public void Export_and_import_round_trip_with_models_and_name_clashes()
    {
        using var sandbox = new Sandbox();
        Sandbox.WriteModel(sandbox.Workspace, "shared", Jobs.SharedModel);
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.Importing("doubler"));
        var bundle = ExportBundle.Parse(sandbox.Workspace.Export("doubler").ToJson());
        Assert.Equal(["jobs/doubler.stream", "models/shared.stream"], bundle.Files.Select(f => f.Path));

        var other = sandbox.NewWorkspace("other");
        var imported = other.Import(bundle, overwrite: false);
        Assert.Equal(["jobs/doubler.stream", "models/shared.stream"], imported.Written);
        Assert.False(other.Save("imported").HasErrors);
        Assert.Equal(Jobs.SharedModel, File.ReadAllText(Path.Combine(other.Root, "models", "shared.stream")));

        Sandbox.Write(other, "doubler", Jobs.Importing("doubler") + "// local change\n");
        var clash = other.Import(bundle, overwrite: false);
        Assert.Equal(["jobs/doubler.stream"], clash.Skipped);
        Assert.Equal(["models/shared.stream"], clash.Unchanged);
        Assert.EndsWith("// local change\n", File.ReadAllText(other.JobFile("doubler")));

        var overwritten = other.Import(bundle, overwrite: true);
        Assert.Equal(["jobs/doubler.stream"], overwritten.Written);
        Assert.Equal(Jobs.Importing("doubler"), File.ReadAllText(other.JobFile("doubler")));
    }

    [Fact]
    public void Export_refuses_a_job_whose_import_is_missing_rather_than_leave_it_out()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.Importing("doubler"));

        var refused = Assert.Throws<WorkspaceException>(() => sandbox.Workspace.Export("doubler"));

        Assert.StartsWith("not exported: doubler imports a file that cannot be loaded", refused.Message);
        Assert.Contains("jobs/doubler.stream(", refused.Message);
        Assert.Contains("error DSL2012:", refused.Message);
    }

    /// <summary>An export edited by hand that lacks a field is refused, not written as an empty file or a crash.</summary>
    [Theory]
    [InlineData("""{"format":"dsl-export/1","job":"zz","files":[{"path":"jobs/zz.stream","text":null}]}""")]
    [InlineData("""{"format":"dsl-export/1","job":"zz","files":[{"text":"job zz \"x\"\n"}]}""")]
    [InlineData("""{"format":"dsl-export/1","job":"zz","files":[null]}""")]
    [InlineData("""{"format":"dsl-export/1","job":null,"files":[]}""")]
    [InlineData("""{"format":"dsl-export/1","job":"zz"}""")]
    public void An_export_with_a_field_missing_is_not_an_export(string json)
    {
        var refused = Assert.Throws<InvalidDataException>(() => ExportBundle.Parse(json));

        Assert.StartsWith("not a dsl export file: ", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A file that is empty or not JSON is said to be so, with the position counted from 1, in words meant for a person.</summary>
    [Theory]
    [InlineData("", "not a dsl export file: it is empty.")]
    [InlineData(" \n", "not a dsl export file: it is empty.")]
    [InlineData("job zz \"x\"\n", "not a dsl export file: it is not JSON at line 1, column 1: 'j' is an invalid start of a value.")]
    [InlineData("{\n  \"format\": \"dsl-export/1\",\n  \"job\": }", "not a dsl export file: it is not JSON at line 3, column 10: '}' is an invalid start of a value.")]
    public void A_file_that_is_empty_or_not_json_is_not_an_export_in_plain_words(string text, string expected)
    {
        var refused = Assert.Throws<InvalidDataException>(() => ExportBundle.Parse(text));

        Assert.Equal(expected, refused.Message);
    }

    /// <summary>
    /// JSON of another shape is said to be so where it is, not as "not JSON" with the serializer's
    /// own type names; a path given twice is refused before anything is written.
    /// </summary>
    [Theory]
    [InlineData("\"hello\"", "not a dsl export file: its value at line 1, column ")]
    [InlineData("{\"format\":\"dsl-export/1\",\"job\":\"x\",\"files\":{\"a\":1}}", "not a dsl export file: files at line 1, column 45 is not what an export holds")]
    [InlineData("{\"format\":\"dsl-export/1\",\"job\":\"x\",\"files\":[{\"path\":\"jobs/x.stream\",\"text\":5}]}", "not a dsl export file: files[0].text at line 1, column 77 is not what an export holds")]
    [InlineData("{\"format\":\"dsl-export/1\",\"job\":\"x\",\"files\":[{\"path\":\"jobs/x.stream\",\"text\":\"a\"},{\"path\":\"jobs/x.stream\",\"text\":\"b\"}]}", "not a dsl export file: it holds jobs/x.stream twice.")]
    public void Json_of_another_shape_is_not_an_export_in_plain_words(string text, string expected)
    {
        var refused = Assert.Throws<InvalidDataException>(() => ExportBundle.Parse(text));

        Assert.StartsWith(expected, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Dsl.", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_refuses_paths_outside_jobs_and_models()
    {
        using var sandbox = new Sandbox();
        var bundle = new ExportBundle(ExportBundle.CurrentFormat, "evil", [new ExportedFile("jobs/../../outside.stream", "job evil \"x\"\n")]);

        Assert.Throws<WorkspaceException>(() => sandbox.Workspace.Import(bundle, overwrite: true));
        Assert.False(File.Exists(Path.Combine(sandbox.Root, "outside.stream")));
    }

    /// <summary>
    /// An export without its job's file, or that names one file in two spellings, is refused before
    /// anything is written, with a line that says why.
    /// </summary>
    [Theory]
    [InlineData("doubler", "jobs/doubler.stream,jobs/./doubler.stream", "the export names jobs/doubler.stream twice (as jobs/doubler.stream and jobs/./doubler.stream); which to write cannot be told.")]
    [InlineData("doubler", "models/../jobs/doubler.stream,jobs/doubler.stream", "the export names jobs/doubler.stream twice (as models/../jobs/doubler.stream and jobs/doubler.stream); which to write cannot be told.")]
    [InlineData("zzz", "jobs/doubler.stream", "the export is of the job 'zzz', and holds no jobs/zzz.stream.")]
    [InlineData("doubler", "", "the export is of the job 'doubler', and holds no jobs/doubler.stream.")]
    public void Import_refuses_an_export_without_its_job_or_with_a_file_twice_and_writes_nothing(string job, string paths, string expected)
    {
        using var sandbox = new Sandbox();
        var files = paths.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(path => new ExportedFile(path, Jobs.Window("doubler"))).ToList();

        var refused = Assert.Throws<WorkspaceException>(() => sandbox.Workspace.Import(new ExportBundle(ExportBundle.CurrentFormat, job, files), overwrite: false));

        Assert.Equal(expected, refused.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(sandbox.Workspace.Root, "jobs"), "*.stream", SearchOption.AllDirectories));
    }

    /// <summary>
    /// A folder where a file of the export belongs, or a file where its folder does, stops the whole
    /// import before any file is written: the job is not left without its imports.
    /// </summary>
    [Theory]
    [InlineData("models/shared.stream", "nothing imported: models/shared.stream: it is a folder, not a file.")]
    [InlineData("models", "nothing imported: models/shared.stream: models is a file, not a folder.")]
    public void Import_writes_nothing_when_a_file_of_the_export_cannot_be_written(string inTheWay, string expected)
    {
        using var sandbox = new Sandbox();
        Sandbox.WriteModel(sandbox.Workspace, "shared", Jobs.SharedModel);
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.Importing("doubler"));
        var bundle = sandbox.Workspace.Export("doubler");
        var other = sandbox.NewWorkspace("other");
        var blocked = Path.Combine(other.Root, inTheWay);
        if (Directory.Exists(blocked))
            Directory.Delete(blocked, recursive: true);
        if (inTheWay.EndsWith(".stream", StringComparison.Ordinal))
            Directory.CreateDirectory(blocked);
        else
            File.WriteAllText(blocked, "");

        var refused = Assert.Throws<WorkspaceException>(() => other.Import(bundle, overwrite: false));

        Assert.Equal(expected, refused.Message);
        Assert.False(File.Exists(other.JobFile("doubler")));
    }

    /// <summary>dsl new and a revert's write name a folder that stands where the job's file belongs, not "permission denied".</summary>
    [Fact]
    public void New_names_a_folder_where_the_job_s_file_belongs()
    {
        using var sandbox = new Sandbox();
        Directory.CreateDirectory(sandbox.Workspace.JobFile("abc"));

        var refused = Assert.Throws<WorkspaceException>(() => sandbox.Workspace.New("abc", "window"));

        Assert.Equal("jobs/abc.stream: it is a folder, not a file", refused.Message);
    }

    [Theory]
    [InlineData("job")]
    [InlineData("model")]
    [InlineData("merge")]
    [InlineData("window")]
    [InlineData("import")]
    [InlineData("settings")]
    [InlineData("true")]
    [InlineData("inf")]
    public void New_refuses_a_reserved_word_as_the_job_s_name(string word)
    {
        using var sandbox = new Sandbox();

        var refused = Assert.Throws<WorkspaceException>(() => sandbox.Workspace.New(word, "window"));

        Assert.StartsWith($"'{word}' is a reserved word of the language (", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith(") and cannot name a job; choose another name.", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(sandbox.Workspace.JobFile(word)));
    }

    /// <summary>Words that are keywords only in one place are names on the job line, so the templates compile with them.</summary>
    [Theory]
    [InlineData("on")]
    [InlineData("max")]
    [InlineData("window2")]
    public void New_takes_a_word_that_is_a_keyword_only_in_one_place(string word)
    {
        var compilation = Compilation.Create(SourceText.From(JobTemplates.Render("merge", word), $"/ws/jobs/{word}.stream"));

        Assert.Empty(compilation.GetDiagnostics());
        Assert.Equal(word, compilation.Job?.Name);
    }

    [Fact]
    public void New_refuses_an_existing_job_and_an_unknown_template()
    {
        using var sandbox = new Sandbox();
        sandbox.Workspace.New("meter", "meter-energy");

        Assert.Throws<WorkspaceException>(() => sandbox.Workspace.New("meter", "window"));
        Assert.Throws<ArgumentException>(() => sandbox.Workspace.New("other", "nope"));
        Assert.Throws<ArgumentException>(() => sandbox.Workspace.New("bad-name", "window"));
        Assert.True(GitRunner.Run(sandbox.Workspace.Root, ["rev-parse", "--git-dir"]).Success);
    }
}
