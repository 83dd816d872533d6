using System.Diagnostics;
using Dsl.Releases.Git;
using Dsl.Releases.Repository;
using Dsl.Releases.Workspaces;
using Dsl.TestUtilities;

namespace Dsl.Releases.Tests;

/// <summary>The workspace commands as a user runs them: the built <c>dsl</c> in a workspace folder.</summary>
public sealed class CliTests
{
    [Fact]
    public void Dsl_save_refuses_a_broken_job_dsl_release_pushes_a_saved_one_and_dsl_lock_wants_a_released_one()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;

        Assert.Equal(0, Dsl(root, "new", "meter", "--template", "meter-energy").ExitCode);
        Assert.Equal(0, Dsl(root, "save", "-m", "meter").ExitCode);
        File.AppendAllText(sandbox.Workspace.JobFile("meter"), "merge Meter on Nowhere { Energy15m = 1 }\n");

        var refused = Dsl(root, "save", "-m", "broken");

        Assert.Equal(1, refused.ExitCode);
        Assert.Matches(@"jobs/meter\.stream\(\d+,\d+\): error DSL\d+", refused.Error);
        Assert.Contains("not saved", refused.Error);
        Assert.Single(GitRunner.Check(root, ["log", "--format=%s"]).Split('\n', StringSplitOptions.RemoveEmptyEntries));

        GitRunner.Check(root, ["checkout", "--", "jobs/meter.stream"]);
        var released = Dsl(root, "release");
        Assert.True(released.ExitCode == 0, released.Error);
        Assert.Contains("remote: dsl: released meter/v1", released.Error);
        Assert.Contains("meter/v1", Dsl(root, "log", "meter").Output);

        // Only a released job can be locked: a misspelt name is refused, and no lock is written.
        var misspelt = Dsl(root, "lock", "metre", "--hard");
        Assert.Equal((1, "", "dsl lock: job 'metre' has never been released."), (misspelt.ExitCode, misspelt.Output, misspelt.Error.Trim()));
        var locked = Dsl(root, "lock", "meter", "--hard");
        Assert.True(locked.ExitCode == 0, locked.Error);
        Assert.DoesNotContain("metre", File.ReadAllText(Path.Combine(sandbox.Repository, "dsl-locks.json")));
    }

    [Fact]
    public void Dsl_save_names_the_jobs_it_removes_and_dsl_log_refuses_a_job_that_never_existed()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        Assert.Equal(0, Dsl(root, "new", "meter", "--template", "meter-energy").ExitCode);
        Assert.Equal(0, Dsl(root, "new", "stats", "--template", "window").ExitCode);
        Assert.Equal(0, Dsl(root, "save", "-m", "both").ExitCode);
        File.Delete(sandbox.Workspace.JobFile("meter"));

        var saved = Dsl(root, "save", "-m", "no meter");
        var unknown = Dsl(root, "log", "metre");
        var removed = Dsl(root, "log", "meter");

        Assert.Equal(0, saved.ExitCode);
        Assert.Matches(@"^Saved [0-9a-f]{12} \(meter removed\)\.$", saved.Output.Trim());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("dsl log: there is no job metre: jobs/metre.stream does not exist and no commit or release has it.", unknown.Error.Trim());
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(2, removed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Dsl_new_refuses_a_reserved_word_in_one_line()
    {
        using var sandbox = new Sandbox();

        var refused = Dsl(sandbox.Workspace.Root, "new", "merge", "--template", "merge");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(
            "dsl new: 'merge' is a reserved word of the language (aggregate, alarm, attribute, else, energy, false, fill, if, import, in, inf, job, merge, model, schedule, settings, then, true, where, window) and cannot name a job; choose another name.",
            refused.Error.Trim());
        Assert.False(File.Exists(sandbox.Workspace.JobFile("merge")));
    }

    /// <summary>
    /// The git repository around a workspace (or any other) is no workspace: a command there is
    /// refused rather than creating jobs/ in it or finding nothing to save.
    /// </summary>
    [Theory]
    [InlineData("new", "stats")]
    [InlineData("save", "-m", "first")]
    [InlineData("log", "stats")]
    public void A_git_repository_without_jobs_or_models_is_not_taken_for_a_workspace(params string[] arguments)
    {
        using var sandbox = new Sandbox();
        var outer = Path.Combine(sandbox.Root, "outer");
        Directory.CreateDirectory(outer);
        GitRunner.Check(outer, ["init", "--quiet"]);

        var refused = Dsl(outer, arguments);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(
            $"dsl {arguments[0]}: {outer} is not in a workspace: the git repository {outer} has no jobs/ or models/ folder. Run the command in a workspace, or make this repository one with 'dsl init'.",
            refused.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(outer, "jobs")));
    }

    [Theory]
    [InlineData("new")]
    [InlineData("log")]
    [InlineData("diff")]
    [InlineData("revert")]
    [InlineData("export", "-o", "out.json")]
    public void A_name_that_is_no_job_name_is_refused_in_words_for_the_user(string command, params string[] rest)
    {
        using var sandbox = new Sandbox();

        var refused = Dsl(sandbox.Workspace.Root, [command, "2nd", .. rest]);

        Assert.Equal(
            (1, $"dsl {command}: '2nd' is not a job name: use letters, digits and '_', starting with a letter."),
            (refused.ExitCode, refused.Error.Trim()));
    }

    /// <summary>A name that is no job name is refused before the daemon is asked: no fetch, no warning that it failed.</summary>
    [Theory]
    [InlineData("log")]
    [InlineData("diff", "online")]
    public void A_name_that_is_no_job_name_is_refused_before_anything_is_fetched(string command, params string[] rest)
    {
        using var sandbox = new Sandbox();
        var nowhere = Path.Combine(sandbox.Root, "nowhere.git");

        var refused = Dsl(sandbox.Workspace.Root, [command, "énergie", .. rest, "--remote", nowhere]);

        Assert.Equal(
            (1, $"dsl {command}: 'énergie' is not a job name: use letters, digits and '_', starting with a letter."),
            (refused.ExitCode, refused.Error.Trim()));
    }

    /// <summary>A name of valid characters that is only too long is told its length, not the characters to use.</summary>
    [Theory]
    [InlineData("new")]
    [InlineData("log")]
    public void A_name_longer_than_a_job_name_is_refused_with_the_limit(string command)
    {
        using var sandbox = new Sandbox();
        string name = new('a', 101);

        var refused = Dsl(sandbox.Workspace.Root, command, name);

        Assert.Equal(
            (1, $"dsl {command}: '{name}' is not a job name: it has 101 characters, and a job name has at most 100."),
            (refused.ExitCode, refused.Error.Trim()));
        Assert.Equal(0, Dsl(sandbox.Workspace.Root, "new", new string('a', 100)).ExitCode);
    }

    [Fact]
    public void A_job_name_that_ends_in_a_line_break_writes_no_file()
    {
        using var sandbox = new Sandbox();

        var refused = Dsl(sandbox.Workspace.Root, "new", "stats\n");

        Assert.Equal(1, refused.ExitCode);
        Assert.EndsWith("is not a job name: use letters, digits and '_', starting with a letter.", refused.Error.Trim(), StringComparison.Ordinal);
        Assert.Equal([".gitkeep"], Directory.GetFiles(Path.Combine(sandbox.Workspace.Root, "jobs")).Select(Path.GetFileName));
    }

    /// <summary>A file argument that does not exist, or a folder where a file belongs, is a usage error in one line (docs/cli.md).</summary>
    [Fact]
    public void Dsl_import_and_dsl_export_refuse_a_folder_or_a_missing_file_as_a_usage_error()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        var folder = Directory.CreateDirectory(Path.Combine(sandbox.Root, "exports")).FullName;
        var missing = Path.Combine(sandbox.Root, "missing.json");

        var importFolder = Dsl(root, "import", folder);
        var importMissing = Dsl(root, "import", missing);
        var exportFolder = Dsl(root, "export", "stats", "-o", folder);

        Assert.Equal((2, $"dsl import: {folder} is a directory, not a file"), (importFolder.ExitCode, importFolder.Error.Trim()));
        Assert.Equal((2, $"dsl import: no such file: {missing}"), (importMissing.ExitCode, importMissing.Error.Trim()));
        Assert.Equal((2, $"dsl export: {folder} is a directory, not a file"), (exportFolder.ExitCode, exportFolder.Error.Trim()));
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void Dsl_release_warns_that_edits_not_saved_are_not_released()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats", "15m"));
        Sandbox.Write(sandbox.Workspace, "draft", Jobs.Window("draft"));

        var released = Dsl(root, "release", "--remote", sandbox.Repository);

        Assert.True(released.ExitCode == 0, released.Error);
        Assert.Contains(
            "dsl release: warning: not saved, so not released: jobs/stats.stream, jobs/draft.stream (save them with 'dsl save -m MESSAGE' and release again).\n",
            released.Error, StringComparison.Ordinal);
        Assert.Equal(Jobs.Window("stats"), ReleaseHistory.Source(sandbox.Repository, JobPaths.ReleaseRef, "stats"));
    }

    [Fact]
    public void Dsl_unlock_of_someone_elses_lock_says_how_to_remove_it()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        Assert.Equal(0, Dsl(root, new Dictionary<string, string?> { ["DSL_USER"] = "alice" }, "lock", "stats", "--remote", sandbox.Repository).ExitCode);

        var refused = Dsl(root, new Dictionary<string, string?> { ["DSL_USER"] = "bob" }, "unlock", "stats", "--remote", sandbox.Repository);

        Assert.Equal(1, refused.ExitCode);
        Assert.Matches(@"^dsl unlock: job 'stats' is locked by alice since \S+ \S+; unlock with force \(dsl unlock --force\) to take it away\.$", refused.Error.Trim());
    }

    [Fact]
    public void Dsl_log_and_dsl_diff_fetch_release_tags_pushed_without_dsl()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats").Replace("ten-minute", "edited", StringComparison.Ordinal));
        Sandbox.Save(sandbox.Workspace, "second");
        Assert.True(sandbox.Push().Success);

        var log = Dsl(root, "log", "stats");

        Assert.True(log.ExitCode == 0, log.Error);
        Assert.Equal("", log.Error);
        Assert.Matches(@"^[0-9a-f]{12} \S+ Test Author: second \(stats/v2\)\n[0-9a-f]{12} \S+ Test Author: first \(stats/v1\)\n$", log.Output);

        GitRunner.Check(root, ["tag", "--delete", "stats/v1", "stats/v2"]);
        var diff = Dsl(root, "diff", "stats", "v1", "v2");

        Assert.True(diff.ExitCode == 0, diff.Error);
        Assert.Contains("+job stats \"edited statistics\"", diff.Output);
    }

    [Fact]
    public void Dsl_release_before_the_first_save_says_to_save_first()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));

        var released = Dsl(sandbox.Workspace.Root, "release");

        Assert.Equal(
            (1, "dsl release: nothing to release: the workspace has no commit yet; save the jobs first with 'dsl save -m MESSAGE'."),
            (released.ExitCode, released.Error.Trim()));
        Assert.Null(sandbox.ReleaseCommit());
    }

    /// <summary>An empty message, or a file where the workspace folder belongs, is a usage error in one line, and nothing is done.</summary>
    [Fact]
    public void Dsl_save_without_a_message_and_dsl_init_of_a_file_are_usage_errors()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        var file = Path.Combine(sandbox.Root, "notes.txt");
        File.WriteAllText(file, "not a workspace");

        var saved = Dsl(sandbox.Workspace.Root, "save", "-m", " ");
        var initialized = Dsl(sandbox.Root, "init", file);

        Assert.Equal((2, "", "dsl save: the message is empty: say what changed with -m MESSAGE."), (saved.ExitCode, saved.Output, saved.Error.Trim()));
        Assert.False(GitRunner.Run(sandbox.Workspace.Root, ["rev-parse", "--verify", "--quiet", "HEAD"]).Success);
        Assert.Equal((2, $"dsl init: {file} is a file, not a folder"), (initialized.ExitCode, initialized.Error.Trim()));
        Assert.Equal("not a workspace", File.ReadAllText(file));
    }

    /// <summary>
    /// dsl init inside a workspace would make a repository of its own among the workspace's files;
    /// at the workspace's root it completes it, and inside a git repository that is no workspace it
    /// makes one.
    /// </summary>
    [Fact]
    public void Dsl_init_refuses_a_folder_inside_a_workspace_but_not_inside_another_git_repository()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        var jobs = Path.Combine(root, "jobs");
        var outer = Path.Combine(sandbox.Root, "outer");
        Directory.CreateDirectory(outer);
        GitRunner.Check(outer, ["init", "--quiet"]);

        var inJobs = Dsl(jobs, "init");
        var below = Dsl(root, "init", "jobs/drafts");
        var atRoot = Dsl(jobs, "init", "..");
        var inOuter = Dsl(outer, "init", "ws");

        var refusal = $"is inside the workspace {root}, where the workspace commands already work; a workspace inside it would be a repository of its own among its files. Create the new workspace outside it.";
        Assert.Equal((1, $"dsl init: {jobs} {refusal}"), (inJobs.ExitCode, inJobs.Error.Trim()));
        Assert.Equal((1, $"dsl init: {Path.Combine(jobs, "drafts")} {refusal}"), (below.ExitCode, below.Error.Trim()));
        Assert.False(Directory.Exists(Path.Combine(jobs, ".git")));
        Assert.False(Directory.Exists(Path.Combine(jobs, "drafts")));
        Assert.True(atRoot.ExitCode == 0, atRoot.Error);
        Assert.True(inOuter.ExitCode == 0, inOuter.Error);
        Assert.True(Directory.Exists(Path.Combine(outer, "ws", ".git")));
    }

    /// <summary>A file where the workspace or its jobs/ folder belongs is named, and nothing is made.</summary>
    [Fact]
    public void Dsl_init_names_a_file_in_the_way_and_makes_nothing()
    {
        using var sandbox = new Sandbox();
        var file = Path.Combine(sandbox.Root, "afile");
        File.WriteAllText(file, "");
        var folder = Path.Combine(sandbox.Root, "wf");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "jobs"), "");

        var below = Dsl(sandbox.Root, "init", "afile/sub");
        var jobs = Dsl(sandbox.Root, "init", "wf");

        Assert.Equal((1, $"dsl init: cannot create the workspace {Path.Combine(file, "sub")}: {file} is a file, not a folder."), (below.ExitCode, below.Error.Trim()));
        Assert.Equal((1, $"dsl init: {Path.Combine(folder, "jobs")} is a file, where the workspace's jobs/ folder belongs; move it away, then run dsl init again."), (jobs.ExitCode, jobs.Error.Trim()));
        Assert.False(Directory.Exists(Path.Combine(folder, ".git")));
    }

    /// <summary>
    /// dsl init in the daemon's bare repository, below it, or in a workspace's .git folder would make
    /// a repository that git finds there before the one that folder is: refused, nothing made.
    /// </summary>
    [Fact]
    public void Dsl_init_refuses_a_bare_repository_and_a_git_folder()
    {
        using var sandbox = new Sandbox();
        var gitFolder = Path.Combine(sandbox.Workspace.Root, ".git");

        var inRepository = Dsl(sandbox.Root, "init", sandbox.Repository);
        var below = Dsl(sandbox.Repository, "init", "drafts");
        var inGitFolder = Dsl(gitFolder, "init");

        var refusal = "is inside a git repository's own folder (a bare repository such as the daemon's jobs.git, or a .git folder), where git keeps its objects; a workspace there would stand in for that repository. Create the workspace in a folder of its own.";
        Assert.Equal((1, $"dsl init: {sandbox.Repository} {refusal}"), (inRepository.ExitCode, inRepository.Error.Trim()));
        Assert.Equal((1, $"dsl init: {Path.Combine(sandbox.Repository, "drafts")} {refusal}"), (below.ExitCode, below.Error.Trim()));
        Assert.Equal((1, $"dsl init: {gitFolder} {refusal}"), (inGitFolder.ExitCode, inGitFolder.Error.Trim()));
        Assert.False(Directory.Exists(Path.Combine(sandbox.Repository, ".git")));
        Assert.False(Directory.Exists(Path.Combine(sandbox.Repository, "drafts")));
        Assert.False(Directory.Exists(Path.Combine(gitFolder, ".git")));
    }

    /// <summary>
    /// A repository made inside the daemon's bare repository by other means (git init there) is not
    /// what the daemon reads: its release branch stays the one the release check accepted.
    /// </summary>
    [Fact]
    public void A_repository_made_inside_the_daemons_repository_does_not_stand_in_for_it()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        var released = sandbox.ReleaseCommit();

        var nested = new Dictionary<string, string?> { ["GIT_DIR"] = Path.Combine(sandbox.Repository, ".git"), ["GIT_WORK_TREE"] = sandbox.Repository };
        GitRunner.Check(sandbox.Repository, ["init", "--quiet", "--initial-branch=release"], environment: nested);
        File.WriteAllText(Path.Combine(sandbox.Repository, "unchecked.stream"), "not a job");
        GitRunner.Check(sandbox.Repository, ["add", "unchecked.stream"], environment: nested);
        GitRunner.Check(sandbox.Repository, ["-c", "user.name=x", "-c", "user.email=x@x", "commit", "--quiet", "-m", "unchecked"], environment: nested);
        // Found from the folder, as git finds a repository, the nested one is taken.
        Assert.Equal("true", GitRunner.Check(Path.GetTempPath(), ["-C", sandbox.Repository, "rev-parse", "--is-inside-work-tree"]).Trim());

        Assert.NotNull(released);
        Assert.Equal(released, sandbox.ReleaseCommit());
    }

    /// <summary>A workspace that never fetched the online versions fetches them for <c>dsl diff JOB online</c>, as for a release it lacks.</summary>
    [Fact]
    public void Dsl_diff_online_fetches_the_release_branch_in_a_workspace_that_never_did()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        var other = sandbox.NewWorkspace("other");
        Sandbox.Write(other, "stats", Jobs.Window("stats", "15m"));

        var diff = Dsl(other.Root, "diff", "stats", "online");

        Assert.True(diff.ExitCode == 0, diff.Error);
        Assert.StartsWith("--- jobs/stats.stream (online)\n+++ jobs/stats.stream\n", diff.Output, StringComparison.Ordinal);
        Assert.Contains("\n-aggregate Sensor window tumbling 10m {\n+aggregate Sensor window tumbling 15m {\n", diff.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A version no release can have (a number beyond an int, v0) is a bad argument: one line and
    /// exit 2, before the daemon is asked; a release the job does not have yet, or a revision git
    /// does not know, is exit 1.
    /// </summary>
    [Theory]
    [InlineData("v99999999999", 2, "dsl diff: there is no version v99999999999: releases are numbered from v1 to v2147483647.")]
    [InlineData("v0", 2, "dsl diff: there is no version v0: releases are numbered from v1 to v2147483647.")]
    [InlineData("v2", 1, "dsl diff: stats has no release v2.")]
    [InlineData("nonsense", 1, "dsl diff: there is no version nonsense: name a release (vN), online, or a git revision (a commit, a branch, HEAD~1).")]
    [InlineData("HEAD~5", 1, "dsl diff: there is no version HEAD~5: name a release (vN), online, or a git revision (a commit, a branch, HEAD~1).")]
    public void Dsl_diff_says_in_one_line_that_there_is_no_such_version(string version, int exitCode, string error)
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);

        var older = Dsl(root, "diff", "stats", version);
        var newer = Dsl(root, "diff", "stats", "v1", version);

        Assert.Equal((exitCode, "", error), (older.ExitCode, older.Output, older.Error.Trim()));
        Assert.Equal((exitCode, "", error), (newer.ExitCode, newer.Output, newer.Error.Trim()));
    }

    /// <summary>Before the first commit a bare dsl diff has no HEAD to compare with: it says so, not that a version the user never named is unknown.</summary>
    [Fact]
    public void Dsl_diff_before_the_first_commit_says_there_is_none_yet()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));

        var diff = Dsl(sandbox.Workspace.Root, "diff", "stats");

        Assert.Equal(
            (1, "", "dsl diff: the workspace has no commit yet, so no HEAD to compare with: name a release (vN) or online, or save first with 'dsl save -m MESSAGE'."),
            (diff.ExitCode, diff.Output, diff.Error.Trim()));
    }

    [Fact]
    public void Dsl_log_warns_in_one_line_when_the_daemon_cannot_be_reached_and_shows_what_it_has()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        var nowhere = Path.Combine(sandbox.Root, "nowhere.git");

        var log = Dsl(root, "log", "stats", "--remote", nowhere);

        Assert.Equal(0, log.ExitCode);
        var warning = Assert.Single(log.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"dsl log: warning: cannot fetch the release tags from {nowhere} (fatal: '{nowhere}' does not appear to be a git repository); using those fetched before.", warning);
        Assert.Matches(@"^[0-9a-f]{12} \S+ Test Author: first\n$", log.Output);
    }

    [Fact]
    public async Task Dsl_release_over_http_says_what_is_wrong_with_the_token()
    {
        using var sandbox = new Sandbox();
        await using var http = await HttpServer.StartAsync(sandbox);
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");

        var none = await Task.Run(() => Dsl(root, "release", "--remote", http.GitUrl));
        var wrong = await Task.Run(() => Dsl(root, "release", "--remote", http.GitUrl, "--token", "dsl_not_a_token"));
        var viewer = await Task.Run(() => Dsl(root, "release", "--remote", http.GitUrl, "--token", http.Viewer.Secret));

        Assert.Equal(1, none.ExitCode);
        Assert.Equal($"dsl release: no token for {http.GitUrl}: pass --token or set DSL_TOKEN (releasing takes an admin token).", none.Error.Trim());
        Assert.Equal(1, wrong.ExitCode);
        Assert.EndsWith("dsl release: the daemon did not accept the token (401): check --token or DSL_TOKEN.", wrong.Error.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, viewer.ExitCode);
        Assert.EndsWith("dsl release: the token may not release (403): releasing takes an admin token.", viewer.Error.Trim(), StringComparison.Ordinal);
        Assert.Null(sandbox.ReleaseCommit());
    }

    /// <summary>Reading the daemon's repository says what is wrong with the token as a release does, not git's "could not read Username".</summary>
    [Fact]
    public async Task Dsl_revert_and_dsl_log_over_http_say_what_is_wrong_with_the_token()
    {
        using var sandbox = new Sandbox();
        await using var http = await HttpServer.StartAsync(sandbox);
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        File.WriteAllText(sandbox.Workspace.JobFile("stats"), "edited\n");

        var none = await Task.Run(() => Dsl(root, "revert", "stats", "--remote", http.GitUrl));
        var wrong = await Task.Run(() => Dsl(root, "revert", "stats", "--remote", http.GitUrl, "--token", "dsl_not_a_token"));
        var log = await Task.Run(() => Dsl(root, "log", "stats", "--remote", http.GitUrl, "--token", "dsl_not_a_token"));
        var viewer = await Task.Run(() => Dsl(root, "revert", "stats", "--remote", http.GitUrl, "--token", http.Viewer.Secret));

        Assert.Equal(
            (1, $"dsl revert: cannot read the daemon's repository {http.GitUrl} (no token: pass --token or set DSL_TOKEN; a viewer token will do)."),
            (none.ExitCode, none.Error.Trim()));
        Assert.Equal(
            (1, $"dsl revert: cannot read the daemon's repository {http.GitUrl} (the daemon did not accept the token (401): check --token or DSL_TOKEN)."),
            (wrong.ExitCode, wrong.Error.Trim()));
        Assert.Equal(
            (0, $"dsl log: warning: cannot fetch the release tags from {http.GitUrl} (the daemon did not accept the token (401): check --token or DSL_TOKEN); using those fetched before."),
            (log.ExitCode, log.Error.Trim()));
        Assert.True(viewer.ExitCode == 0, viewer.Error);
        Assert.Equal(Jobs.Window("stats"), File.ReadAllText(sandbox.Workspace.JobFile("stats")));
    }

    /// <summary>
    /// Over HTTP a lock goes to the daemon of the remote, wherever the remote came from (the
    /// workspace's <c>daemon</c> remote, <c>--remote</c>), as a release does: not to DSL_SERVER.
    /// </summary>
    [Fact]
    public async Task Dsl_lock_and_unlock_over_http_reach_the_daemon_of_the_remote()
    {
        using var sandbox = new Sandbox();
        await using var http = await HttpServer.StartAsync(sandbox, adjacentPorts: true);
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        var locks = Path.Combine(sandbox.Repository, "dsl-locks.json");
        var elsewhere = new Dictionary<string, string?> { ["DSL_SERVER"] = "http://127.0.0.1:1", ["DSL_RELEASE_REMOTE"] = null };
        GitRunner.Check(root, ["remote", "set-url", "daemon", http.GitUrl]);

        var locked = await Task.Run(() => Dsl(root, elsewhere, "lock", "stats", "--hard", "--token", http.Admin.Secret));

        Assert.True(locked.ExitCode == 0, locked.Error);
        Assert.Equal("Locked stats for alice (hard).", locked.Output.Trim());
        Assert.Contains("alice", File.ReadAllText(locks));

        // --remote comes before the workspace's remote, which now names no daemon.
        GitRunner.Check(root, ["remote", "set-url", "daemon", Path.Combine(sandbox.Root, "nowhere.git")]);
        var unlocked = await Task.Run(() => Dsl(root, elsewhere, "unlock", "stats", "--remote", http.GitUrl, "--token", http.Admin.Secret));

        Assert.True(unlocked.ExitCode == 0, unlocked.Error);
        Assert.Equal("Unlocked stats.", unlocked.Output.Trim());
        Assert.DoesNotContain("alice", File.ReadAllText(locks));
    }

    /// <summary>
    /// A remote that names the daemon's gRPC port gets git's bare 400 there; release and the
    /// commands that fetch say which port the repository is on instead.
    /// </summary>
    [Fact]
    public async Task A_remote_at_the_grpc_port_is_told_where_the_repository_is()
    {
        using var sandbox = new Sandbox();
        await using var http = await HttpServer.StartAsync(sandbox);
        var root = sandbox.Workspace.Root;
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        string grpcUrl = new Uri(http.Server.Address, "/git/jobs.git").ToString();

        var released = await Task.Run(() => Dsl(root, "release", "--remote", grpcUrl, "--token", http.Admin.Secret));
        var logged = await Task.Run(() => Dsl(root, "log", "stats", "--remote", grpcUrl, "--token", http.Admin.Secret));

        const string advice = "the URL names the daemon's gRPC port, which speaks only HTTP/2: its git repository is on the HTTP port (--http-listen, by default the next one), which --server with the gRPC address finds";
        Assert.Equal(1, released.ExitCode);
        Assert.EndsWith($"dsl release: {advice}.", released.Error.Trim(), StringComparison.Ordinal);
        Assert.Contains($"dsl log: warning: cannot fetch the release tags from {grpcUrl} ({advice}); using those fetched before.", logged.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A server that is no address is a usage error for the workspace commands, as for dsl jobs,
    /// and one that DSL_SERVER names says so: the user may not know the variable is set.
    /// </summary>
    [Fact]
    public void A_server_that_is_no_address_is_a_usage_error_naming_where_it_came_from()
    {
        using var sandbox = new Sandbox();
        // A workspace without a daemon remote, where DSL_SERVER chooses the remote.
        var root = Workspace.Init(Path.Combine(sandbox.Root, "no-remote"), remote: null).Root;
        const string bad = "'ftp://x' is not a server address; expected e.g. http://127.0.0.1:7400.";

        var option = Dsl(root, "release", "--server", "ftp://x");
        var variable = Dsl(root, new Dictionary<string, string?> { ["DSL_SERVER"] = "ftp://x", ["DSL_RELEASE_REMOTE"] = null }, "release");

        Assert.Equal((2, $"dsl release: {bad}"), (option.ExitCode, option.Error.Trim()));
        Assert.Equal((2, $"dsl release: DSL_SERVER: {bad}"), (variable.ExitCode, variable.Error.Trim()));
    }

    /// <summary>
    /// Over HTTP, lock and unlock call the daemon of --server: one that is no address is a usage
    /// error in one line (as without --remote, where it chooses the remote), and a DSL_CA that
    /// names no file is a usage error, as for dsl jobs (and for revert, whose git reads it); none
    /// reaches the network.
    /// </summary>
    [Fact]
    public void Dsl_lock_over_http_names_a_bad_server_or_a_missing_ca_file_in_one_line()
    {
        using var sandbox = new Sandbox();
        var root = sandbox.Workspace.Root;
        string missing = Path.Combine(sandbox.Root, "missing.pem");

        var badServer = Dsl(root, "lock", "meter", "--remote", "http://127.0.0.1:1/git/jobs.git", "--server", "ftp://x", "--token", "t");
        var noCa = Dsl(root, new Dictionary<string, string?> { ["DSL_CA"] = missing }, "unlock", "meter", "--server", "https://127.0.0.1:1", "--token", "t");

        Assert.Equal((2, "dsl lock: 'ftp://x' is not a server address; expected e.g. http://127.0.0.1:7400."), (badServer.ExitCode, badServer.Error.Trim()));
        Assert.Equal((2, $"dsl unlock: DSL_CA: no such file: {missing}"), (noCa.ExitCode, noCa.Error.Trim()));

        // revert, and log with a warning, read DSL_CA for git too.
        var https = new Dictionary<string, string?> { ["DSL_CA"] = missing, ["DSL_TOKEN"] = "t" };
        var reverted = Dsl(root, https, "revert", "meter", "--remote", "https://127.0.0.1:1/git/jobs.git");
        var logged = Dsl(root, https, "log", "meter", "--remote", "https://127.0.0.1:1/git/jobs.git");
        Assert.Equal((2, $"dsl revert: DSL_CA: no such file: {missing}"), (reverted.ExitCode, reverted.Error.Trim()));
        Assert.Contains($"(DSL_CA: no such file: {missing}); using those fetched before.", logged.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dsl_release_hook_install_wants_the_repositorys_path_and_its_help_says_so()
    {
        using var sandbox = new Sandbox();

        var help = Dsl(sandbox.Root, "release-hook", "--help");
        var missing = Dsl(sandbox.Root, "release-hook", "install");
        var made = Dsl(sandbox.Root, "release-hook", "install", "releases.git");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("install", help.Output);
        Assert.DoesNotContain("receive", help.Output);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("Required argument missing for command: 'install'", missing.Error);
        Assert.Contains("dsl release-hook install --help", missing.Error);
        Assert.False(Directory.Exists(Path.Combine(sandbox.Root, "jobs.git")));
        Assert.Equal((0, $"Release repository ready at {Path.Combine(sandbox.Root, "releases.git")}."), (made.ExitCode, made.Output.Trim()));
        Assert.StartsWith($"#!/bin/sh\n{HookCommand.Marker}", File.ReadAllText(Path.Combine(sandbox.Root, "releases.git", "hooks", "pre-receive")));
    }

    /// <summary>A release refused because the daemon holds releases from elsewhere says how to merge them, and that way works.</summary>
    [Fact]
    public void Dsl_release_behind_the_release_branch_says_how_to_merge_it()
    {
        using var sandbox = new Sandbox();
        Assert.Equal(0, Dsl(sandbox.Workspace.Root, "new", "meter", "--template", "meter-energy").ExitCode);
        Assert.Equal(0, Dsl(sandbox.Workspace.Root, "save", "-m", "meter").ExitCode);
        Assert.Equal(0, Dsl(sandbox.Workspace.Root, "release").ExitCode);
        string other = sandbox.NewWorkspace("other").Root;
        Assert.Equal(0, Dsl(other, "new", "stats", "--template", "window").ExitCode);
        Assert.Equal(0, Dsl(other, "save", "-m", "stats").ExitCode);

        var refused = Dsl(other, "release");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("dsl release: the daemon holds releases this workspace has not merged. Fetch them with 'dsl log JOB'", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, Dsl(other, "log", "stats").ExitCode);
        GitRunner.Check(other, ["-c", "user.name=t", "-c", "user.email=t@example.com", "merge", "--quiet", "--allow-unrelated-histories", "-m", "merge", "refs/dsl/release"]);
        var released = Dsl(other, "release");
        Assert.True(released.ExitCode == 0, released.Error);
        Assert.DoesNotContain("dsl release:", released.Error, StringComparison.Ordinal);
    }

    internal static GitResult Dsl(string directory, params string[] arguments) => Dsl(directory, new Dictionary<string, string?>(), arguments);

    /// <summary>
    /// Runs dsl with its standard error on a terminal (<see cref="Terminal.RunUnderScript"/>) and its
    /// standard output in <paramref name="outputFile"/>: <see cref="GitResult.Error"/> is the terminal's transcript.
    /// </summary>
    internal static GitResult DslOnTerminal(string directory, string outputFile, params string[] arguments) =>
        Dsl(directory, new Dictionary<string, string?>(), start => Terminal.RunUnderScript(start, outputFile), arguments);

    /// <summary>Runs dsl with its standard input read from <paramref name="inputFile"/>.</summary>
    internal static GitResult DslReading(string directory, string inputFile, params string[] arguments) =>
        Dsl(directory, new Dictionary<string, string?> { ["DSL_TEST_INPUT"] = inputFile }, start =>
        {
            string[] command = [start.FileName, .. start.ArgumentList];
            start.FileName = "/bin/sh";
            start.ArgumentList.Clear();
            foreach (var word in (string[])["-c", "exec \"$@\" < \"$DSL_TEST_INPUT\"", "sh", .. command])
                start.ArgumentList.Add(word);
        }, arguments);

    /// <summary>Runs dsl with <paramref name="environment"/> set (a null value removes the variable).</summary>
    internal static GitResult Dsl(string directory, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        Dsl(directory, environment, _ => { }, arguments);

    private static GitResult Dsl(string directory, IReadOnlyDictionary<string, string?> environment, Action<ProcessStartInfo> adapt, string[] arguments)
    {
        var command = HookCommand.ForDll(Path.Combine(AppContext.BaseDirectory, "dsl.dll"));
        var start = new ProcessStartInfo(command.Arguments[0])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments.Skip(1).Concat(arguments))
            start.ArgumentList.Add(argument);
        start.Environment.Remove("DSL_TOKEN");
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        adapt(start);
        bool terminal = start.FileName == "script";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dsl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        // Through a terminal, what dsl wrote to standard error comes out as the transcript on script's standard output.
        return terminal
            ? new GitResult(process.ExitCode, error, output.GetAwaiter().GetResult())
            : new GitResult(process.ExitCode, output.GetAwaiter().GetResult(), error);
    }
}
