using System.Globalization;
using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary><c>dsl token …</c> and <c>dsl jobs …</c> as a shell user runs them: output tables and exit codes.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task TokensAndJobsFromTheShell()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAsync(workspace, "doubler", TestJobs.Doubler());
        string server = daemon.Daemon.Address.ToString();

        var created = Dsl("token", "create", "--role", "operator", "--name", "shell", "--data", daemon.Data);
        Assert.Equal(0, created.Code);
        string token = created.Stdout.Trim();
        Assert.StartsWith("dsl_", token);
        var list = Dsl("token", "list", "--data", daemon.Data);
        Assert.Contains("shell", list.Stdout);
        Assert.DoesNotContain(token, list.Stdout);

        // Times read the same under any locale (Finnish writes 12.30.00).
        var finnish = DslCommand.RunInLocale("fi_FI.UTF-8", "token", "list", "--data", daemon.Data);
        Assert.Matches(@"\n\S+ +\S+ +\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", finnish.Stdout.ReplaceLineEndings("\n"));
        var listed = DslCommand.RunInLocale("fi_FI.UTF-8", "jobs", "list", "--server", server, "--data", daemon.Data);
        Assert.Matches(@"\ndoubler +\S+ .* \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ ", listed.Stdout.ReplaceLineEndings("\n"));

        // A data folder that does not exist is a usage error, and nothing is written there.
        string missing = temp.Combine("no-such-data");
        var nowhere = Dsl("token", "create", "--role", "operator", "--data", missing);
        Assert.Equal((2, ""), (nowhere.Code, nowhere.Stdout));
        Assert.Contains("no such folder", nowhere.Stderr);
        Assert.False(Directory.Exists(missing));
        Assert.Equal(2, Dsl("token", "list", "--data", missing).Code);

        var jobs = Dsl("jobs", "list", "--server", server, "--token", token);
        Assert.Equal(0, jobs.Code);
        Assert.Matches(@"doubler\s+released\s+1\s+realtime", jobs.Stdout);
        var start = Dsl("jobs", "start", "doubler", "--server", server, "--token", token);
        Assert.Equal((0, "doubler: released -> running"), (start.Code, start.Stdout.Trim()));
        var illegal = Dsl("jobs", "start", "nope", "--server", server, "--token", token);
        // The daemon's message alone: no status code's name in front of it.
        Assert.Equal((1, "dsl jobs: no job 'nope'"), (illegal.Code, illegal.Stderr.Trim()));
        var metrics = Dsl("jobs", "metrics", "--server", server, "--token", token);
        Assert.Matches(@"doubler\s+running", metrics.Stdout);
        var preview = Dsl("jobs", "preview", "doubler", "--server", server, "--token", token);
        Assert.Equal(0, preview.Code);
        Assert.Contains("records in 0,", preview.Stdout);
        Assert.Equal("dsl jobs preview: no records were read: the job's channel holds no records yet: ingest some, or preview on --input FILE", preview.Stderr.Trim());

        // Preview of given records: the shortest decimal that reads back (0.1 * 2, not
        // 0.20000000000000001), and each rejected line with its reason and text.
        string badLine = TestJobs.Line(1).Replace("\"value\":1.5", "\"value\":\"x\"", StringComparison.Ordinal).Trim();
        File.WriteAllText(temp.Combine("records.jsonl"), TestJobs.Line(0).Replace("\"value\":0.5", "\"value\":0.1", StringComparison.Ordinal) + badLine + "\n");
        var given = Dsl("jobs", "preview", "doubler", "--input", temp.Combine("records.jsonl"), "--server", server, "--token", token);
        Assert.Equal(0, given.Code);
        Assert.Matches(@"m0\s+Meter\.Double\s+\S+ ontime 0\.2\r?\n", given.Stdout);
        Assert.Contains($"line 2: wrong_value_type: the value of point \"Power\" must be a number\n  {badLine}\n", given.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        // The same records on standard input, as - means for dsl preview and dsl run.
        var piped = DslCommand.RunWithInput(File.ReadAllText(temp.Combine("records.jsonl")), "jobs", "preview", "doubler", "--input", "-", "--server", server, "--token", token);
        Assert.Equal((0, given.Stdout), (piped.Code, piped.Stdout));

        // Nothing logged yet: a line says so, rather than a table heading over nothing.
        var empty = Dsl("jobs", "logs", "doubler", "--server", server, "--token", token);
        Assert.Equal((0, "(the error log of doubler is empty)"), (empty.Code, empty.Stdout.Trim()));

        // The error log shows the offending record under its entry.
        await daemon.IngestHttpAsync(badLine + "\n");
        await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.Invalid >= 1, "the rejected record");
        var logs = Dsl("jobs", "logs", "doubler", "--server", server, "--token", token);
        Assert.Equal(0, logs.Code);
        Assert.Contains($"wrong_value_type   the value of point \"Power\" must be a number\n  {badLine}\n", logs.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        string[] table = logs.Stdout.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal(table[0].IndexOf("REASON", StringComparison.Ordinal), table[1].IndexOf("wrong_value_type", StringComparison.Ordinal)); // columns under their headings
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ ", table[1]); // the daemon's times are UTC, and say so

        // --since keeps the entries logged at or after a time, read as UTC unless it names an offset.
        string logged = table[1][..20];
        var fromThen = Dsl("jobs", "logs", "doubler", "--since", logged, "--server", server, "--token", token);
        Assert.Contains(badLine, fromThen.Stdout, StringComparison.Ordinal);
        DateTimeOffset at = DateTimeOffset.Parse(logged, CultureInfo.InvariantCulture);
        var anHourLater = Dsl("jobs", "logs", "doubler", "--since", at.AddHours(1).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), "--server", server, "--token", token);
        Assert.Equal((0, $"(the error log of doubler holds no entry logged at or after {at.AddHours(1).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z)"), (anHourLater.Code, anHourLater.Stdout.Trim()));
        var sameInShanghai = Dsl("jobs", "logs", "doubler", "--since", at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), "--server", server, "--token", token);
        Assert.Contains(badLine, sameInShanghai.Stdout, StringComparison.Ordinal);
        var notATime = Dsl("jobs", "logs", "doubler", "--since", "yesterday", "--server", server, "--token", token);
        Assert.Equal(2, notATime.Code);
        Assert.Contains("--since: \"yesterday\" is not a time", notATime.Stderr, StringComparison.Ordinal);

        // A start that ends in failed is a failed command, with the reason.
        Assert.Equal(0, Dsl("jobs", "pause", "doubler", "--server", server, "--token", token).Code);

        // Paused, nothing is unsaved: the checkpoint's age is 0, written 0.0s under any locale (Finnish writes 0,0).
        var pausedMetrics = DslCommand.RunInLocale("fi_FI.UTF-8", "jobs", "metrics", "doubler", "--server", server, "--token", token);
        Assert.Matches(@"\ndoubler +paused .* 0\.0s\n", pausedMetrics.Stdout.ReplaceLineEndings("\n"));
        File.WriteAllText(Path.Combine(daemon.Data, "state", "doubler", "stray.txt"), "not state");
        var failed = Dsl("jobs", "start", "doubler", "--server", server, "--token", token);
        Assert.Equal((1, "doubler: paused -> failed"), (failed.Code, failed.Stdout.Trim()));
        Assert.Contains("dsl jobs: doubler failed: ", failed.Stderr);
        Assert.Contains("stray.txt", failed.Stderr);
        // The failure is an entry of the error log, at no position in the channel.
        string failure = Dsl("jobs", "logs", "doubler", "--server", server, "--token", token).Stdout.ReplaceLineEndings("\n").Split('\n').Single(l => l.Contains("job_failed", StringComparison.Ordinal));
        Assert.Matches(@"^\S+ \S+ -            job_failed ", failure);
        File.Delete(Path.Combine(daemon.Data, "state", "doubler", "stray.txt"));
        Assert.Equal(0, Dsl("jobs", "stop", "doubler", "--server", server, "--token", token).Code);
        Assert.Equal(0, Dsl("jobs", "start", "doubler", "--server", server, "--token", token).Code);

        // The admin token file in DATA is found without --token.
        var fromFile = Dsl("jobs", "status", "--server", server, "--data", daemon.Data);
        Assert.Equal(0, fromFile.Code);

        Assert.Equal(0, Dsl("token", "revoke", "shell", "--data", daemon.Data).Code);
        var revoked = Dsl("jobs", "list", "--server", server, "--token", token);
        Assert.Equal((1, "dsl jobs: The token is not known to this daemon (revoked, or from another data directory)."), (revoked.Code, revoked.Stderr.Trim()));
        Assert.Equal(2, Dsl("jobs", "list", "--server", "ftp://nowhere", "--token", token).Code);
        Assert.Equal(2, Dsl("jobs", "frobnicate").Code);
        var noData = Dsl("jobs", "list", "--server", server, "--data", Path.Combine(temp.Path, "no-such-data"));
        Assert.Equal((2, $"dsl jobs: no such folder: {Path.Combine(temp.Path, "no-such-data")}"), (noData.Code, noData.Stderr.Trim()));
    }

    /// <summary>
    /// What the command line gets wrong is a usage error (exit 2) whatever the word: an unknown role
    /// as a malformed name; a name another token holds is a user error (exit 1).
    /// </summary>
    [Fact]
    public void TokenCreateExitsTwoForAWrongWordAndOneForATakenName()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        Directory.CreateDirectory(data);

        var role = Dsl("token", "create", "--role", "superuser", "--data", data);
        var first = Dsl("token", "create", "--role", "Viewer", "--name", "ci", "--data", data);
        var again = Dsl("token", "create", "--role", "viewer", "--name", "ci", "--data", data);

        Assert.Equal(
            (2, "", "dsl: Unknown role 'superuser': use viewer, operator or admin.\nRun 'dsl token create --help' for usage."),
            (role.Code, role.Stdout, role.Stderr.ReplaceLineEndings("\n").TrimEnd('\n')));
        Assert.Equal(0, first.Code);
        Assert.Equal(
            (1, "", "dsl token create: A token named 'ci' exists; revoke it first or pick another name."),
            (again.Code, again.Stdout, again.Stderr.Trim()));
    }

    /// <summary>A --data that names a file is said to be one, not to be missing.</summary>
    [Fact]
    public void ADataFolderThatIsAFileIsCalledAFile()
    {
        using var temp = new TempDirectory();
        string file = temp.Combine("config.json");
        File.WriteAllText(file, "{}");

        var token = Dsl("token", "list", "--data", file);
        var jobs = Dsl("jobs", "list", "--server", "http://127.0.0.1:1", "--data", file);

        Assert.Equal((2, $"dsl token list: {file} is a file, not a folder (the daemon's data directory, --data)"), (token.Code, token.Stderr.Trim()));
        Assert.Equal((2, $"dsl jobs: {file} is a file, not a folder"), (jobs.Code, jobs.Stderr.Trim()));
    }

    [Fact]
    public void AHandBrokenConfigIsOneLineNamingTheFileAndThePosition()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        Directory.CreateDirectory(data);
        string config = Path.Combine(data, "config.json");
        File.WriteAllText(config, "{\n  \"tokens\": [],\n}\n");
        string expected = $"{config}: not valid JSON at line 3, column 1: The JSON object contains a trailing comma at the end, which JSON does not allow.";

        var list = Dsl("token", "list", "--data", data);
        Assert.Equal((1, "", $"dsl token list: {expected}"), (list.Code, list.Stdout, list.Stderr.Trim()));
        var create = Dsl("token", "create", "--role", "viewer", "--data", data);
        Assert.Equal((1, "", $"dsl token create: {expected}"), (create.Code, create.Stdout, create.Stderr.Trim()));

        var serve = DslCommand.RunIn(null, TimeSpan.FromMinutes(2), "serve", "--data", data, "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");
        Assert.Equal((1, $"dsl serve: {expected}"), (serve.Code, serve.Stderr.Trim()));
        Assert.False(File.Exists(Path.Combine(data, "admin.token")));
    }

    [Fact]
    public void AConfigJsonThatCannotBeReadIsAnErrorNotAnEmptyTable()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string config = Path.Combine(data, "config.json");
        Directory.CreateDirectory(config);
        string expected = $"{config} is a folder, not a file.";

        var list = Dsl("token", "list", "--data", data);
        Assert.Equal((1, "", $"dsl token list: {expected}"), (list.Code, list.Stdout, list.Stderr.Trim()));
        var revoke = Dsl("token", "revoke", "admin", "--data", data);
        Assert.Equal((1, "", $"dsl token revoke: {expected}"), (revoke.Code, revoke.Stdout, revoke.Stderr.Trim()));
        var create = Dsl("token", "create", "--role", "viewer", "--data", data);
        Assert.Equal((1, "", $"dsl token create: {expected}"), (create.Code, create.Stdout, create.Stderr.Trim()));
    }

    /// <summary>
    /// A jobs.json damaged on disk or edited into something else stops the start in one line that
    /// names the file and what is wrong with it, rather than an internal error with a stack trace.
    /// </summary>
    [Theory]
    [InlineData("[\n  {\n    \"Name\": \"power\",\n", "not valid JSON at line 4, column 1: Expected start of a property name or value, but instead reached end of data")]
    [InlineData("{}", "not a list of jobs at line 1, column 2")]
    [InlineData("[null]", "an entry has no job name")]
    [InlineData("[{\"Name\": \"power\"}, {\"Name\": \"power\"}]", "job 'power' is listed twice")]
    public void ADamagedJobsFileIsOneLineNamingTheFileAndTheProblem(string contents, string problem)
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        Directory.CreateDirectory(data);
        string jobs = Path.Combine(data, "jobs.json");
        File.WriteAllText(jobs, contents);

        var serve = DslCommand.RunIn(null, TimeSpan.FromMinutes(2), "serve", "--data", data, "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");

        string expected = $"dsl serve: {jobs} cannot be read: {problem}. It holds the status of every job; restore it, or correct it by hand, and start again.";
        Assert.Equal((1, expected), (serve.Code, serve.Stderr.Trim()));
        Assert.Equal(contents, File.ReadAllText(jobs));
    }

    /// <summary>
    /// Records are never dropped, so a job with state or outputs that jobs.json does not list means
    /// the file was lost or replaced: taken for new jobs, the daemon would start their runs over and
    /// write over their earlier runs' output files. The start is refused instead, and nothing is touched.
    /// </summary>
    [Theory]
    [InlineData(null, "is missing, and with it the records of")]
    [InlineData("[]", "does not list")]
    [InlineData("[{\"Name\": \"other\"}]", "does not list")]
    public void JobsWithStateOrOutputsThatJobsJsonDoesNotListStopTheStart(string? contents, string problem)
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string output = Path.Combine(data, "out", "realtime", "power", "0001-000000000000000.ndjson");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, "{\"earlier\":\"results\"}\n");
        Directory.CreateDirectory(Path.Combine(data, "state", "meter"));
        if (contents?.Contains("other", StringComparison.Ordinal) == true)
            Directory.CreateDirectory(Path.Combine(data, "state", "other")); // a job it lists
        string jobs = Path.Combine(data, "jobs.json");
        if (contents is not null)
            File.WriteAllText(jobs, contents);

        var serve = DslCommand.RunIn(null, TimeSpan.FromMinutes(2), "serve", "--data", data, "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");

        string expected = $"dsl serve: {jobs} {problem} the job(s) 'meter', 'power', whose state or outputs are in out/realtime/ and state/. "
            + "Taken for new jobs, they would start their runs over and write over their earlier runs' output files. Restore jobs.json, or move their folders aside to start them anew.";
        Assert.Equal((1, expected), (serve.Code, serve.Stderr.Trim()));
        Assert.Equal("{\"earlier\":\"results\"}\n", File.ReadAllText(output));
        Assert.Equal(contents is not null, File.Exists(jobs));
    }

    /// <summary>
    /// A name with a space, or one that ends in a line break, is refused in the user's words as a
    /// usage error (exit 2, as an unknown role is), and nothing is stored.
    /// </summary>
    [Theory]
    [InlineData("a b")]
    [InlineData("shell\n")]
    public void ATokenNameThatIsNoNameIsRefusedInOneLine(string name)
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        Directory.CreateDirectory(data);

        var create = Dsl("token", "create", "--role", "viewer", "--name", name, "--data", data);

        Assert.Equal(
            (2, "", $"dsl: '{name}' is not a token name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.\nRun 'dsl token create --help' for usage."),
            (create.Code, create.Stdout, create.Stderr.ReplaceLineEndings("\n").TrimEnd('\n')));
        Assert.False(File.Exists(Path.Combine(data, "config.json")) && File.ReadAllText(Path.Combine(data, "config.json")).Contains("\"name\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PreviewOfAFileNamesItAsGivenAndRefusesAJobNameBesideIt()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        string server = daemon.Daemon.Address.ToString();
        File.WriteAllText(temp.Combine("records.jsonl"), TestJobs.Line(0));
        Directory.CreateDirectory(temp.Combine("drafts"));
        string broken = temp.Combine("drafts", "zz.stream");
        File.WriteAllText(broken, TestJobs.Doubler("zz").Replace("Double = Power * 2", "Double = Power * Nope", StringComparison.Ordinal));
        // Named after no job: a preview of a draft is no release.
        string unused = temp.Combine("drafts", "draft.stream");
        File.WriteAllText(unused, TestJobs.Doubler("other").Replace("  ai Double kW\n", "  ai Double kW\n  ai Spare kW\n", StringComparison.Ordinal));

        var refused = Dsl("jobs", "preview", "--file", broken, "--input", temp.Combine("records.jsonl"), "--server", server, "--data", daemon.Data);
        var warned = Dsl("jobs", "preview", "--file", unused, "--input", temp.Combine("records.jsonl"), "--server", server, "--data", daemon.Data);
        var both = Dsl("jobs", "preview", "doubler", "--file", unused, "--server", server, "--data", daemon.Data);
        var twoInputs = Dsl("jobs", "preview", "--file", unused, "--input", temp.Combine("records.jsonl"), "--latest", "5", "--server", server, "--data", daemon.Data);

        Assert.Equal(1, refused.Code);
        // The error is named once, under the line that says why the preview was refused.
        string[] refusal = refused.Stderr.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal("dsl jobs: the job does not compile", refusal[0]);
        Assert.StartsWith($"{broken}(13,20): error DSL2003: ", refusal[1]);
        Assert.Single(refusal, line => line.Contains("(13,20)", StringComparison.Ordinal));
        Assert.DoesNotContain("jobs/", refused.Stderr);
        Assert.Equal(0, warned.Code);
        Assert.StartsWith($"{unused}(10,6): warning DSL2018: ", warned.Stderr);
        Assert.Contains("records in 1, out 1", warned.Stdout);
        Assert.Equal((2, "", "dsl jobs preview: name a released job or give --file, not both"), (both.Code, both.Stdout, both.Stderr.Trim()));
        Assert.Equal((2, "", "dsl jobs preview: run on the channel's --latest records or on an --input file, not both"), (twoInputs.Code, twoInputs.Stdout, twoInputs.Stderr.Trim()));
    }

    /// <summary>A file previewed with --file is sent with the files it imports, and their errors are named by their own paths.</summary>
    [Fact]
    public async Task PreviewOfAFileSendsTheFilesItImports()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        string server = daemon.Daemon.Address.ToString();
        File.WriteAllText(temp.Combine("records.jsonl"), TestJobs.Line(0) + TestJobs.Line(1));
        Directory.CreateDirectory(temp.Combine("ws", "jobs"));
        Directory.CreateDirectory(temp.Combine("ws", "models"));
        string model = temp.Combine("ws", "models", "meter.stream");
        File.WriteAllText(model, "model Meter {\n  ai Power: double kW\n  ai Double kW\n}\n");
        string job = temp.Combine("ws", "jobs", "power.stream");
        File.WriteAllText(job, "job power\nimport \"../models/meter.stream\"\n\nmerge Meter on Power {\n  Double = Power * 2\n}\n");

        var previewed = Dsl("jobs", "preview", "--file", job, "--input", temp.Combine("records.jsonl"), "--server", server, "--data", daemon.Data);
        // Sent as jobs/draft.stream beside the model, a draft named after no job runs all the same.
        string draft = temp.Combine("ws", "jobs", "draft.stream");
        File.WriteAllText(draft, File.ReadAllText(job).Replace("job power", "job other", StringComparison.Ordinal));
        var drafted = Dsl("jobs", "preview", "--file", draft, "--input", temp.Combine("records.jsonl"), "--server", server, "--data", daemon.Data);
        File.WriteAllText(model, "model Meter {\n  ai Power: double kW\n  ai Double: nosuchtype\n}\n");
        var refused = Dsl("jobs", "preview", "--file", job, "--input", temp.Combine("records.jsonl"), "--server", server, "--data", daemon.Data);

        Assert.True(previewed.Code == 0, previewed.Stderr);
        Assert.Contains("records in 2, out 2", previewed.Stdout);
        Assert.True(drafted.Code == 0, drafted.Stderr);
        Assert.Contains("records in 2, out 2", drafted.Stdout);
        Assert.Equal(1, refused.Code);
        // Named as dsl check names it, not by the name it was sent under: from the job's path as
        // given, here an absolute one, and from a relative one through the job's folder.
        Assert.True(refused.Stderr.Contains($"\n{model}(3,14): error ", StringComparison.Ordinal), refused.Stderr);
        var fromWorkspace = DslCommand.RunIn(temp.Combine("ws"), "jobs", "preview", "--file", "jobs/power.stream", "--input", temp.Combine("records.jsonl"), "--server", server, "--data", daemon.Data);
        Assert.True(fromWorkspace.Stderr.Contains("\njobs/../models/meter.stream(3,14): error ", StringComparison.Ordinal), fromWorkspace.Stderr);
    }

    /// <summary>
    /// An import that cannot be sent is said by the client, which alone reads the user's files: a
    /// missing one with the path dsl check names (the importing file's folder, then the import as
    /// written), not the path of the tree the daemon was sent; an absolute one, which the daemon
    /// would report as not found though it is there, as an absolute path; an empty one, which names
    /// no file to send, as dsl check says it.
    /// </summary>
    [Fact]
    public async Task PreviewOfAFileWhoseImportCannotBeSentSaysSoWithTheUsersPaths()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        string server = daemon.Daemon.Address.ToString();
        File.WriteAllText(temp.Combine("records.jsonl"), TestJobs.Line(0));
        Directory.CreateDirectory(temp.Combine("ws", "jobs"));
        Directory.CreateDirectory(temp.Combine("ws", "models"));
        string model = temp.Combine("ws", "models", "meter.stream");
        File.WriteAllText(model, "model Meter {\n  ai Power: double kW\n  ai Double kW\n}\n");
        string missing = temp.Combine("ws", "jobs", "missing.stream");
        File.WriteAllText(missing, "job missing\nimport \"../models/nothere.stream\"\n\nmerge Meter on Power {\n  Double = Power * 2\n}\n");
        string absolute = temp.Combine("ws", "jobs", "absolute.stream");
        File.WriteAllText(absolute, $"job absolute\nimport \"{model}\"\n\nmerge Meter on Power {{\n  Double = Power * 2\n}}\n");

        string empty = temp.Combine("ws", "jobs", "empty.stream");
        File.WriteAllText(empty, "job empty\nimport \"\"\n\nmerge Meter on Power {\n  Double = Power * 2\n}\n");

        var notFound = Dsl("jobs", "preview", "--file", missing, "--input", temp.Combine("records.jsonl"), "--server", server, "--data", daemon.Data);
        var nothing = Dsl("jobs", "preview", "--file", empty, "--input", temp.Combine("records.jsonl"), "--server", server, "--data", daemon.Data);
        var rooted = Dsl("jobs", "preview", "--file", absolute, "--input", temp.Combine("records.jsonl"), "--server", server, "--data", daemon.Data);

        string at = temp.Combine("ws", "jobs") + "/../models/nothere.stream";
        Assert.Equal(
            (1, "", $"{missing}(2,8): error DSL2012: The imported file \"../models/nothere.stream\" was not found at \"{at}\". Import paths are relative to the importing file; correct the path."),
            (notFound.Code, notFound.Stdout, notFound.Stderr.Trim()));
        // As dsl check says it, not as the daemon's refusal to compile (InvalidArgument) of what it was sent.
        Assert.Equal(
            (1, "", $"{empty}(2,8): error DSL2021: The import path is empty. Write the path of a model library between the quotes, relative to the importing file, e.g. import \"models.stream\"."),
            (nothing.Code, nothing.Stdout, nothing.Stderr.Trim()));
        Assert.Equal(
            (1, "", $"dsl jobs preview: {absolute}(2,8): the import \"{model}\" is an absolute path, which the daemon cannot resolve (a release refuses it too); import it by its path relative to the importing file."),
            (rooted.Code, rooted.Stdout, rooted.Stderr.Trim()));
    }

    /// <summary>An --input file too large for a request is said in the user's terms, before any call.</summary>
    [Fact]
    public void PreviewOfAnInputTooLargeToSendSaysSoInOneLine()
    {
        using var temp = new TempDirectory();
        string job = temp.Combine("doubler.stream");
        File.WriteAllText(job, TestJobs.Doubler());
        string records = temp.Combine("records.jsonl");
        File.WriteAllText(records, string.Concat(Enumerable.Repeat(TestJobs.Line(0), 5 * 1024 * 1024 / TestJobs.Line(0).Length + 1)));

        var preview = Dsl("jobs", "preview", "--file", job, "--input", records, "--server", "http://127.0.0.1:1", "--token", "t");

        Assert.Equal(
            (1, "", $"dsl jobs preview: {records} is too large to send: a preview request carries at most 4 MiB, job and records together; preview fewer records"),
            (preview.Code, preview.Stdout, preview.Stderr.Trim()));
    }

    /// <summary>A model library previewed with --file is named in the daemon's message, too, by the path given.</summary>
    [Fact]
    public async Task PreviewOfAModelLibraryNamesItByThePathGiven()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        File.WriteAllText(temp.Combine("records.jsonl"), TestJobs.Line(0));
        Directory.CreateDirectory(temp.Combine("ws", "models"));
        string model = temp.Combine("ws", "models", "meter.stream");
        File.WriteAllText(model, "model Meter {\n  ai Power: double kW\n}\n");

        var preview = Dsl("jobs", "preview", "--file", model, "--input", temp.Combine("records.jsonl"), "--server", daemon.Daemon.Address.ToString(), "--data", daemon.Data);

        Assert.Equal(1, preview.Code);
        Assert.Contains($"\n{model}(1,1): error DSL4003: The file \"{model}\" is a model library", preview.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>--latest 0</c> asks for none of the channel's records: the note says that, not that the
    /// channel holds none, when it holds some.
    /// </summary>
    [Fact]
    public async Task PreviewOfTheLatestZeroRecordsSaysItAskedForNone()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAsync(workspace, "doubler", TestJobs.Doubler());
        await daemon.IngestHttpAsync(TestJobs.Line(0) + TestJobs.Line(1));
        string server = daemon.Daemon.Address.ToString();

        var none = Dsl("jobs", "preview", "doubler", "--latest", "0", "--server", server, "--data", daemon.Data);
        var two = Dsl("jobs", "preview", "doubler", "--latest", "2", "--server", server, "--data", daemon.Data);

        Assert.True(two.Code == 0, two.Stderr);
        Assert.Contains("records in 2,", two.Stdout);
        Assert.Equal(0, none.Code);
        Assert.Contains("records in 0,", none.Stdout);
        Assert.Equal("dsl jobs preview: no records were read: --latest 0 asks for none of the channel's records; give how many to run on, e.g. --latest 1000", none.Stderr.Trim());
    }

    /// <summary>Two dots inside a file name ("meter..v2.stream") are no ".." folder: the file is sent and previewed.</summary>
    [Fact]
    public async Task PreviewOfAFileThatImportsAFileWithTwoDotsInItsNameRuns()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        File.WriteAllText(temp.Combine("records.jsonl"), TestJobs.Line(0) + TestJobs.Line(1));
        Directory.CreateDirectory(temp.Combine("ws", "jobs"));
        File.WriteAllText(temp.Combine("ws", "jobs", "..meter.stream"), "model Meter {\n  ai Power: double kW\n  ai Double kW\n}\n");
        string job = temp.Combine("ws", "jobs", "power..v2.stream");
        File.WriteAllText(job, "job power\nimport \"..meter.stream\"\n\nmerge Meter on Power {\n  Double = Power * 2\n}\n");

        var previewed = Dsl("jobs", "preview", "--file", job, "--input", temp.Combine("records.jsonl"), "--server", daemon.Daemon.Address.ToString(), "--data", daemon.Data);

        Assert.True(previewed.Code == 0, previewed.Stderr);
        Assert.Contains("records in 2, out 2", previewed.Stdout);
    }

    [Fact]
    public async Task APreviewWithMoreErrorsThanAStatusCarriesSaysHowManyItLeavesOut()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        File.WriteAllText(temp.Combine("records.jsonl"), TestJobs.Line(0));
        string draft = temp.Combine("many.stream");
        File.WriteAllText(draft, "job many\n" + string.Concat(Enumerable.Range(0, 150).Select(i => $"model M{i} {{ ai V{i}: nosuchtype }}\n")));

        var preview = Dsl("jobs", "preview", "--file", draft, "--input", temp.Combine("records.jsonl"), "--server", daemon.Daemon.Address.ToString(), "--data", daemon.Data);

        // 150 errors, one a model; the status carries the first 100.
        Assert.Equal(1, preview.Code);
        string[] lines = preview.Stderr.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(100, lines.Count(l => l.StartsWith($"{draft}(", StringComparison.Ordinal) && l.Contains(": error DSL2008: ", StringComparison.Ordinal)));
        Assert.Equal("… and 50 more (dsl check lists them all)", lines[^1]);
    }

    /// <summary>
    /// <c>jobs logs --limit N</c> prints the newest N entries, oldest first, and says how many earlier
    /// ones it left out apart from those the log no longer keeps.
    /// </summary>
    [Fact]
    public async Task LogsWithALimitSayHowManyKeptEntriesTheyLeaveOut()
    {
        await using var released = await ReleasedDoubler.StartAsync();
        TestDaemon daemon = released.Daemon;
        string server = daemon.Daemon.Address.ToString();
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        await daemon.IngestHttpAsync(TestJobs.BadLines(0, 1003));
        await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.Invalid == 1003, "every rejected record");

        var limited = Dsl("jobs", "logs", "doubler", "--limit", "2", "--server", server, "--data", daemon.Data);
        var all = Dsl("jobs", "logs", "doubler", "--server", server, "--data", daemon.Data);

        Assert.Equal(0, limited.Code);
        string[] lines = limited.Stdout.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(1 + 4 + 2, lines.Length);
        Assert.Contains("\"m1001\"", lines[2], StringComparison.Ordinal);
        Assert.Contains("\"m1002\"", lines[4], StringComparison.Ordinal);
        Assert.Equal("(998 earlier entries not shown; --limit 0 shows all)", lines[5]);
        Assert.Equal("(3 older entries no longer kept)", lines[6]);
        Assert.Equal(0, all.Code);
        Assert.DoesNotContain("not shown", all.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("(3 older entries no longer kept)", all.Stdout.TrimEnd(), StringComparison.Ordinal);
    }

    /// <summary>A line break or tab in a string output or an asset id is shown escaped, as <c>dsl preview</c> shows it, so each output stays one row.</summary>
    [Fact]
    public async Task PreviewShowsALineBreakOrTabInAStringEscapedOnTheRow()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        string job = temp.Combine("labels.stream");
        File.WriteAllText(job, """
            job labels "labels"

            model Meter {
              ai Power: double kW
              generic Label: string
            }

            merge Meter on Power {
              Label = if Power > 5 then "high\nand\tdry" else "low"
            }
            """);
        File.WriteAllText(temp.Combine("records.jsonl"), "{\"assetId\":\"m\\t1\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":0,\"value\":7}\n");

        var preview = Dsl("jobs", "preview", "--file", job, "--input", temp.Combine("records.jsonl"), "--server", daemon.Daemon.Address.ToString(), "--data", daemon.Data);

        Assert.Equal(0, preview.Code);
        string[] lines = preview.Stdout.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length); // the heading, one row, the counters
        Assert.Matches(@"^m\\t1 +Meter\.Label +1970-01-01T00:00:00\.000Z ontime high\\nand\\tdry$", lines[1]);
    }

    /// <summary>
    /// The counters say why a preview wrote less than it read: evaluations skipped for a missing value
    /// or an attribute the daemon has no value for, and meter steps discarded, as <c>dsl preview</c> counts them.
    /// </summary>
    [Fact]
    public async Task PreviewCountsSkippedEvaluationsAndDiscardedSteps()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        string job = temp.Combine("skips.stream");
        File.WriteAllText(job, """
            job skips "skips"

            model Meter {
              ai Power: double kW
              ai Other kW
              pi Total kWh
              attribute Rated: double kW
              ai Share
              ai Sum kW
              pi Daily kWh
            }

            merge Meter on Power { Share = Power / Rated }
            merge Meter on Power { Sum = Power + Other }
            energy Meter from Total by meter { daily Daily }
            """);
        File.WriteAllText(temp.Combine("records.jsonl"), """
            {"assetId":"m1","modelId":"Meter","pointId":"Power","time":0,"value":7}
            {"assetId":"m1","modelId":"Meter","pointId":"Total","time":0,"value":10}
            {"assetId":"m1","modelId":"Meter","pointId":"Total","time":60000,"value":5}

            """);

        var preview = Dsl("jobs", "preview", "--file", job, "--input", temp.Combine("records.jsonl"), "--server", daemon.Daemon.Address.ToString(), "--data", daemon.Data);

        Assert.Equal(0, preview.Code);
        Assert.EndsWith(", skipped (missing) 1, skipped (attribute) 1, discarded steps 1", preview.Stdout.TrimEnd(), StringComparison.Ordinal);
    }

    /// <summary>Each output shows its calMode, so an update is told from the on-time result it corrects.</summary>
    [Fact]
    public async Task PreviewShowsTheModeOfEachOutput()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        string job = temp.Combine("counts.stream");
        File.WriteAllText(job, """
            job counts "counts"

            model Meter {
              ai Power: double kW
              ai Samples: long
            }

            aggregate Meter window tumbling 1m lateness 5m { Samples = count(Power) }
            """);
        // The record of 00:00:30 arrives after one of the next minute, within the lateness.
        File.WriteAllText(temp.Combine("records.jsonl"), """
            {"assetId":"m1","modelId":"Meter","pointId":"Power","time":0,"value":7}
            {"assetId":"m1","modelId":"Meter","pointId":"Power","time":60000,"value":7}
            {"assetId":"m1","modelId":"Meter","pointId":"Power","time":30000,"value":7}

            """);

        var preview = Dsl("jobs", "preview", "--file", job, "--input", temp.Combine("records.jsonl"), "--server", daemon.Daemon.Address.ToString(), "--data", daemon.Data);

        Assert.Equal(0, preview.Code);
        string[] lines = preview.Stdout.ReplaceLineEndings("\n").Split('\n');
        Assert.Matches(@"^ASSET +POINT +TIME +MODE +VALUE$", lines[0]);
        Assert.Matches(@"^m1 +Meter\.Samples +1970-01-01T00:00:00\.000Z ontime 1$", lines[1]);
        Assert.Matches(@"^m1 +Meter\.Samples +1970-01-01T00:00:00\.000Z update 2$", lines[2]);
        Assert.Matches(@"^m1 +Meter\.Samples +1970-01-01T00:01:00\.000Z ontime 1$", lines[3]);
    }

    /// <summary>The status of a named job says what the table has no room for: its schedule's next and last run, and its editing lock.</summary>
    [Fact]
    public async Task StatusOfANamedJobShowsItsScheduleAndItsLock()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAsync(workspace, "nightly", TestJobs.Doubler("nightly", "offline") + "\nschedule daily at 02:00\n");
        string server = daemon.Daemon.Address.ToString();
        var released = Dsl("jobs", "status", "nightly", "--server", server, "--data", daemon.Data);
        Assert.Equal(0, Dsl("jobs", "start", "nightly", "--server", server, "--data", daemon.Data).Code);
        new Dsl.Releases.Locks.LockStore(Path.Combine(daemon.Data, "jobs.git")).Lock("nightly", "alice", hard: true, DateTimeOffset.UtcNow);

        var armed = Dsl("jobs", "status", "nightly", "--server", server, "--data", daemon.Data);
        var all = Dsl("jobs", "status", "--server", server, "--data", daemon.Data);

        Assert.Equal(0, released.Code);
        Assert.EndsWith("\nnightly: schedule daily at 02:00; next run -; last run none yet", released.Stdout.ReplaceLineEndings("\n").TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(0, armed.Code);
        string[] lines = armed.Stdout.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^nightly: schedule daily at 02:00; next run \d{4}-\d\d-\d\d 02:00:00Z; last run none yet$", lines[2]);
        Assert.Matches(@"^nightly: locked by alice \(hard\) since \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$", lines[3]);
        Assert.Equal(2, all.Stdout.ReplaceLineEndings("\n").TrimEnd().Split('\n').Length); // the table alone
    }

    private static (int Code, string Stdout, string Stderr) Dsl(params string[] arguments) => DslCommand.Run(arguments);
}
