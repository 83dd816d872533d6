using System.Text.Json;
using Dsl.TestUtilities;

namespace Dsl.Cli.Tests;

/// <summary><c>dsl check</c> as a user runs it: what it prints and how it exits.</summary>
public sealed class CheckCommandTests
{
    /// <summary>Three mistakes that do not depend on each other, on lines 4, 14 and 18.</summary>
    private const string ThreeErrors = """
        job three "Three independent mistakes"

        settings {
          timezone "Europe/Berlinn"
        }

        model Turbine {
          ai ActivePower kW
          ai ActivePowerAvg10m kW
          ai ApparentPower kVA
        }

        aggregate Turbine window tumbling 10m {
          ActivePowerAvg10m = avg(ActivePwr)
        }

        merge Turbine on ActivePower {
          ApparentPower = sqr(ActivePower)
        }

        """;

    private static readonly string[] ExpectedErrors =
    [
        "three.stream(4,12): error DSL2009: The time zone \"Europe/Berlinn\" is not a known IANA time zone. Did you mean \"Europe/Berlin\"?",
        "three.stream(14,27): error DSL2003: The point \"ActivePwr\" is not declared in model \"Turbine\". Did you mean \"ActivePower\"?",
        "three.stream(18,19): error DSL2006: The function \"sqr\" does not exist. Did you mean \"sqrt\"?",
    ];

    [Fact]
    public void Check_prints_every_error_of_a_file_with_its_position_and_a_summary_and_exits_1()
    {
        using var workspace = new Workspace();
        workspace.Write("three.stream", ThreeErrors);

        var result = workspace.Dsl("check", "three.stream");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([.. ExpectedErrors, "Checked 1 file: 3 errors, 0 warnings."], result.OutputLines);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public void Check_of_a_clean_file_exits_0()
    {
        using var workspace = new Workspace();
        workspace.Write("clean.stream", Jobs.Chained);

        var result = workspace.Dsl("check", "clean.stream");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Checked 1 file: 0 errors, 0 warnings."], result.OutputLines);
    }

    [Fact]
    public void Check_of_a_folder_checks_every_stream_file_in_it()
    {
        using var workspace = new Workspace();
        workspace.Write("jobs/clean.stream", Jobs.Chained);
        workspace.Write("jobs/nested/three.stream", ThreeErrors);
        workspace.Write("jobs/notes.txt", "not a job");

        var result = workspace.Dsl("check", "jobs");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, result.OutputLines.Count(l => l.Contains(": error DSL", StringComparison.Ordinal)));
        Assert.All(result.OutputLines.SkipLast(1), l => Assert.StartsWith(Path.Combine("jobs", "nested", "three.stream") + "(", l, StringComparison.Ordinal));
        Assert.Equal("Checked 2 files: 3 errors, 0 warnings.", result.OutputLines[^1]);
    }

    [Fact]
    public void Check_of_a_folder_whose_links_lead_back_up_checks_each_file_once()
    {
        using var workspace = new Workspace();
        workspace.Write("jobs/clean.stream", Jobs.Chained);
        workspace.Write("jobs/nested/three.stream", ThreeErrors);
        // Two cycles: one link would repeat every file forty times, two would never end.
        Directory.CreateSymbolicLink(Path.Combine(workspace.Directory, "jobs", "nested", "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(workspace.Directory, "jobs", "self"), Path.Combine("..", "jobs"));

        var result = workspace.Dsl("check", "jobs");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, result.OutputLines.Count(l => l.StartsWith(Path.Combine("jobs", "nested", "three.stream") + "(", StringComparison.Ordinal)));
        Assert.Equal("Checked 2 files: 3 errors, 0 warnings.", result.OutputLines[^1]);
    }

    [Fact]
    public void Check_reads_hidden_files_and_each_file_once_however_many_arguments_lead_to_it()
    {
        using var workspace = new Workspace();
        workspace.Write("jobs/.drafts/three.stream", ThreeErrors);
        workspace.Write("jobs/.git/ignored.stream", ThreeErrors);
        workspace.Write("shared/clean.stream", Jobs.Chained);
        Directory.CreateSymbolicLink(Path.Combine(workspace.Directory, "jobs", "lib"), Path.Combine("..", "shared"));

        var result = workspace.Dsl("check", "jobs", "shared", Path.Combine("shared", "clean.stream"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, result.OutputLines.Count(l => l.StartsWith(Path.Combine("jobs", ".drafts", "three.stream") + "(", StringComparison.Ordinal)));
        Assert.Equal("Checked 2 files: 3 errors, 0 warnings.", result.OutputLines[^1]);
    }

    /// <summary>A hard link is another path to the same file: it is checked, counted and fixed once.</summary>
    [Fact]
    public void A_hard_link_is_checked_and_fixed_once()
    {
        using var workspace = new Workspace();
        workspace.Write("jobs/a.stream", ThreeErrors);
        using (var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ln", ["jobs/a.stream", "hard.stream"]) { WorkingDirectory = workspace.Directory }))
            process!.WaitForExit();

        var result = workspace.Dsl("check", "jobs/a.stream", "hard.stream", ".");

        Assert.Equal(3, result.OutputLines.Count(l => l.Contains("error DSL", StringComparison.Ordinal)));
        Assert.Equal("Checked 1 file: 3 errors, 0 warnings.", result.OutputLines[^1]);
    }

    [Fact]
    public void Check_of_the_examples_reports_no_diagnostics()
    {
        var files = Directory.GetFiles(RepoPaths.Examples, "*.stream", SearchOption.AllDirectories).Length;

        var result = DslCli.Run(RepoPaths.Root, "check", "examples");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([$"Checked {files} files: 0 errors, 0 warnings."], result.OutputLines);
    }

    [Theory]
    [InlineData("check", "--format", "yaml", "clean.stream")]
    [InlineData("check")]
    [InlineData("frobnicate", "clean.stream")]
    [InlineData("run", "clean.stream")]
    [InlineData("check", "missing.stream")]
    [InlineData("build", "missing.stream")]
    [InlineData("preview", "missing.stream", "--input", "clean.stream")]
    [InlineData("graph", "missing.stream")]
    [InlineData("fmt", "missing.stream")]
    [InlineData("preview", "clean.stream", "--input", "missing.jsonl")]
    public void A_usage_error_exits_2_and_says_what_is_wrong_on_stderr(params string[] args)
    {
        using var workspace = new Workspace();
        workspace.Write("clean.stream", Jobs.Chained);

        var result = workspace.Dsl(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("dsl", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    /// <summary>An imported file's diagnostics name it as the job names it, from where the job was named.</summary>
    [Fact]
    public void An_imported_file_s_diagnostics_name_it_relative_to_the_job_file()
    {
        using var workspace = new Workspace();
        workspace.Write("jobs/main.stream", "job main\nimport \"../lib/models.stream\"\nmerge M on A { B = A }\n");
        workspace.Write("lib/models.stream", "model M {\n  ai A\n  ai B\n  ai B\n}\n");

        var result = workspace.Dsl("check", Path.Combine("jobs", "main.stream"));

        Assert.Equal(1, result.ExitCode);
        string expected = Path.Combine("jobs", "..", "lib", "models.stream") + "(4,6): error DSL2005";
        Assert.Contains(expected, result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(workspace.Directory, result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>A missing import is named as the job names it too, not by where it would be on this machine.</summary>
    [Fact]
    public void A_missing_import_is_named_relative_to_the_job_file()
    {
        using var workspace = new Workspace();
        workspace.Write("jobs/main.stream", "job main\nimport \"../lib/missing.stream\"\n");

        var result = workspace.Dsl("check", Path.Combine("jobs", "main.stream"));

        Assert.Equal(1, result.ExitCode);
        string expected = $"error DSL2012: The imported file \"../lib/missing.stream\" was not found at \"{Path.Combine("jobs", "..", "lib", "missing.stream")}\".";
        Assert.Contains(expected, result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(workspace.Directory, result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_one_line_and_exit_1_and_the_others_are_checked()
    {
        using var workspace = new Workspace();
        var locked = workspace.Write("locked.stream", Jobs.Chained);
        workspace.Write("three.stream", ThreeErrors);
        // Another process holding the file exclusively makes reading it fail, even for root.
        using var holder = new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var result = workspace.Dsl("check", "locked.stream", "three.stream");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("dsl check: cannot read locked.stream: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        // The summary counts the file checked, not the one that could not be.
        Assert.Equal([.. ExpectedErrors, "Checked 1 file: 3 errors, 0 warnings."], result.OutputLines);
    }

    [Fact]
    public void Check_with_json_format_prints_one_object_per_diagnostic()
    {
        using var workspace = new Workspace();
        workspace.Write("three.stream", ThreeErrors);

        var result = workspace.Dsl("check", "three.stream", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var items = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(3, items.Length);
        Assert.Equal(["DSL2009", "DSL2003", "DSL2006"], items.Select(i => i.GetProperty("code").GetString()));
        Assert.All(items, i => Assert.Equal("error", i.GetProperty("severity").GetString()));
        Assert.All(items, i => Assert.Equal("three.stream", i.GetProperty("file").GetString()));
        var point = items[1];
        Assert.Equal(14, point.GetProperty("line").GetInt32());
        Assert.Equal(27, point.GetProperty("column").GetInt32());
        Assert.Equal(14, point.GetProperty("endLine").GetInt32());
        Assert.Equal(27 + "ActivePwr".Length, point.GetProperty("endColumn").GetInt32());
        Assert.Equal("The point \"ActivePwr\" is not declared in model \"Turbine\". Did you mean \"ActivePower\"?", point.GetProperty("message").GetString());
    }

    /// <summary>JSON and SARIF are also read by people: a quote or a non-ASCII name is written as itself, not as \u0027.</summary>
    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void Check_writes_messages_in_json_and_sarif_as_they_read(string format)
    {
        using var workspace = new Workspace();
        workspace.Write("typo.stream", "job typo\n\nmodel Zähler {\n  ai Leistung: double kW\n}\n");

        var result = workspace.Dsl("check", "typo.stream", "--format", format);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The character 'ä' is not valid here.", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", result.StandardOutput, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.StandardOutput);
    }

    [Fact]
    public void Check_with_sarif_format_prints_a_SARIF_2_1_0_log()
    {
        using var workspace = new Workspace();
        workspace.Write("three.stream", ThreeErrors);

        var result = workspace.Dsl("check", "three.stream", "--format", "sarif");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Contains("sarif", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("dsl", driver.GetProperty("name").GetString());
        // SARIF's informationUri is a URI in JSON Schema's sense (absolute); code-scanning uploads check it.
        if (driver.TryGetProperty("informationUri", out var information))
            Assert.True(Uri.IsWellFormedUriString(information.GetString(), UriKind.Absolute), information.GetString());
        Assert.Equal(["DSL2003", "DSL2006", "DSL2009"], driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        var results = run.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(3, results.Length);
        Assert.All(results, r => Assert.Equal("error", r.GetProperty("level").GetString()));
        var timezone = results.Single(r => r.GetProperty("ruleId").GetString() == "DSL2009");
        Assert.StartsWith("The time zone \"Europe/Berlinn\"", timezone.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var location = Assert.Single(timezone.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
        Assert.Equal("three.stream", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(4, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(12, location.GetProperty("region").GetProperty("startColumn").GetInt32());
    }

    [Fact]
    public void Sarif_locations_are_uri_references_even_for_names_with_spaces_and_hashes()
    {
        using var workspace = new Workspace();
        workspace.Write("my jobs/#1 ä.stream", ThreeErrors);
        var absolute = workspace.Write("abs.stream", ThreeErrors);

        var relative = workspace.Dsl("check", "my jobs/#1 ä.stream", "--format", "sarif");
        var rooted = workspace.Dsl("check", absolute, "--format", "sarif");

        Assert.Equal(["my%20jobs/%231%20%C3%A4.stream"], SarifUris(relative));
        Assert.Equal([new Uri(absolute).AbsoluteUri], SarifUris(rooted));
        Assert.StartsWith("file:///", SarifUris(rooted)[0], StringComparison.Ordinal);
    }

    private static string[] SarifUris(CliResult result)
    {
        using var json = JsonDocument.Parse(result.StandardOutput);
        return [.. json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() ?? "")
            .Distinct()];
    }

    [Fact]
    public void Check_with_json_format_of_a_clean_file_prints_an_empty_array_and_exits_0()
    {
        using var workspace = new Workspace();
        workspace.Write("clean.stream", Jobs.Chained);

        var result = workspace.Dsl("check", "clean.stream", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(0, json.RootElement.GetArrayLength());
    }
}
