using System.Text.Json;

namespace Dsl.Cli.Tests;

/// <summary><c>dsl check --fix</c>, and the edits <c>--format json</c> and <c>sarif</c> carry.</summary>
public sealed class CheckFixTests
{
    /// <summary>Four mistakes whose hints name an edit, and one (an unknown point) whose hint does not.</summary>
    private const string Written = """
        job fixable

        model Turbine {
          ai Power kW range 0..3500
          ai Temp °C
          ai PowerAvg kW
          ai Other kW
        }

        aggregate Turbine window tumbling 10 min lateness 1.5 hours {
          PowerAvg = avg(Power)
        }

        aggregate Turbine window sliding 1h every 15m {
          Othr = avg(Temp)
        }

        """;

    private const string Fixed = """
        job fixable

        model Turbine {
          ai Power kW range [0, 3500]
          ai Temp "°C"
          ai PowerAvg kW
          ai Other kW
        }

        aggregate Turbine window tumbling 10m lateness 90m {
          PowerAvg = avg(Power)
        }

        aggregate Turbine window hopping 1h step 15m {
          Othr = avg(Temp)
        }

        """;

    [Fact]
    public void Fix_makes_every_edit_a_hint_names_and_reports_what_is_left()
    {
        using var workspace = new Workspace();
        workspace.Write("fixable.stream", Written);

        var result = workspace.Dsl("check", "--fix", "fixable.stream");

        Assert.Equal(Fixed, workspace.Read("fixable.stream"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
        [
            "fixable.stream: 5 fixes made.",
            "fixable.stream(15,3): error DSL2003: The point \"Othr\" is not declared in model \"Turbine\". Did you mean \"Other\"?",
            "Checked 1 file: 1 error, 0 warnings.",
        ], result.OutputLines);
    }

    /// <summary>A "Did you mean" is a guess: it is offered, never made.</summary>
    [Fact]
    public void Fix_leaves_a_file_whose_diagnostics_name_no_edit_as_it_is()
    {
        using var workspace = new Workspace();
        const string Guess = "job guess\nmodel M {\n  ai P kW\n  ai Out kW\n}\nmerge M on P {\n  Out = sqr(P)\n}\n";
        var path = workspace.Write("guess.stream", Guess);
        var written = File.GetLastWriteTimeUtc(path);

        var result = workspace.Dsl("check", "--fix", "guess.stream");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(Guess, workspace.Read("guess.stream"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Equal(["guess.stream(7,9): error DSL2006: The function \"sqr\" does not exist. Did you mean \"sqrt\"?", "Checked 1 file: 1 error, 0 warnings."], result.OutputLines);
    }

    [Fact]
    public void Fix_of_a_file_it_makes_clean_exits_0()
    {
        using var workspace = new Workspace();
        workspace.Write("spaced.stream", "job spaced\nmodel M {\n  ai P kW\n  ai Avg kW\n}\naggregate M window tumbling 10 minutes {\n  Avg = avg(P)\n}\n");

        var result = workspace.Dsl("check", "--fix", "spaced.stream");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["spaced.stream: 1 fix made.", "Checked 1 file: 0 errors, 0 warnings."], result.OutputLines);
        Assert.Contains("window tumbling 10m {", workspace.Read("spaced.stream"), StringComparison.Ordinal);
    }

    /// <summary>
    /// One error is reported per line, so each edit here brings out the next, made in the next
    /// round: the file is said once, with every round's edits.
    /// </summary>
    [Fact]
    public void Fix_says_each_file_once_with_the_edits_of_every_round()
    {
        using var workspace = new Workspace();
        workspace.Write("alarm.stream", "job j\nmodel M {\n  ai P kW\n  ai Q kW\n}\nmerge M on P { Q = P }\nalarm {\n  on failed or errors > 100 per 10 minutes notify \"ops\" \"oncall\"\n}\n");

        var result = workspace.Dsl("check", "--fix", "alarm.stream");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["alarm.stream: 3 fixes made.", "Checked 1 file: 0 errors, 0 warnings."], result.OutputLines);
        Assert.Contains("  on failed, errors > 100 per 10m notify \"ops\", \"oncall\"\n", workspace.Read("alarm.stream"), StringComparison.Ordinal);
    }

    /// <summary>With a machine format, standard output stays one document; the counts go to standard error.</summary>
    [Fact]
    public void Fix_with_json_format_prints_the_counts_on_stderr()
    {
        using var workspace = new Workspace();
        workspace.Write("fixable.stream", Written);

        var result = workspace.Dsl("check", "--fix", "--format", "json", "fixable.stream");

        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(["DSL2003"], json.RootElement.EnumerateArray().Select(d => d.GetProperty("code").GetString()));
        Assert.Equal("fixable.stream: 5 fixes made.", result.StandardError.Trim());
    }

    [Fact]
    public void Json_gives_a_diagnostic_s_edit_where_it_goes_and_what_it_writes()
    {
        using var workspace = new Workspace();
        workspace.Write("fixable.stream", Written);

        var result = workspace.Dsl("check", "--format", "json", "fixable.stream");

        using var json = JsonDocument.Parse(result.StandardOutput);
        var window = json.RootElement.EnumerateArray().Single(d => d.GetProperty("message").GetString()!.Contains("sliding", StringComparison.Ordinal));
        var fix = window.GetProperty("fix");
        Assert.Equal((14, 26, 14, 46, "hopping 1h step 15m"),
            (fix.GetProperty("line").GetInt32(), fix.GetProperty("column").GetInt32(), fix.GetProperty("endLine").GetInt32(), fix.GetProperty("endColumn").GetInt32(), fix.GetProperty("newText").GetString()));
        var unknown = json.RootElement.EnumerateArray().Single(d => d.GetProperty("code").GetString() == "DSL2003");
        Assert.False(unknown.TryGetProperty("fix", out _));
    }

    [Fact]
    public void Sarif_gives_a_diagnostic_s_edit_as_a_fix_of_its_result()
    {
        using var workspace = new Workspace();
        workspace.Write("fixable.stream", Written);

        var result = workspace.Dsl("check", "--format", "sarif", "fixable.stream");

        using var json = JsonDocument.Parse(result.StandardOutput);
        var results = json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(5, results.Count(r => r.TryGetProperty("fixes", out _)));
        var range = results.Single(r => r.GetProperty("ruleId").GetString() == "DSL1006");
        var change = Assert.Single(Assert.Single(range.GetProperty("fixes").EnumerateArray()).GetProperty("artifactChanges").EnumerateArray());
        Assert.Equal("fixable.stream", change.GetProperty("artifactLocation").GetProperty("uri").GetString());
        var replacement = Assert.Single(change.GetProperty("replacements").EnumerateArray());
        var deleted = replacement.GetProperty("deletedRegion");
        Assert.Equal((4, 21, 4, 28), (deleted.GetProperty("startLine").GetInt32(), deleted.GetProperty("startColumn").GetInt32(), deleted.GetProperty("endLine").GetInt32(), deleted.GetProperty("endColumn").GetInt32()));
        Assert.Equal("[0, 3500]", replacement.GetProperty("insertedContent").GetProperty("text").GetString());
    }
}
