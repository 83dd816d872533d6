using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Handlers.CodeActions;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;
using Range = Dsl.LanguageServer.Protocol.Messages.Range;

namespace Dsl.LanguageServer.Tests.Handlers;

public sealed class CodeActionTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private CodeAction[] Actions(string uri, Position cursor) =>
        new CodeActionsHandler(_workspace.Workspace).Handle(new CodeActionParams(new TextDocumentIdentifier(uri), new Range(cursor, cursor)), CancellationToken.None);

    /// <summary>The one "Change to" fix at the cursor that puts <paramref name="suggestion"/> in place of <paramref name="written"/>.</summary>
    private CodeAction ChangeTo(string uri, Position cursor, string suggestion, string written)
    {
        var fix = Assert.Single(Actions(uri, cursor), a => a.Title == $"Change to '{suggestion}'");
        var edit = Assert.Single(fix.Edit.Changes[uri]);
        Assert.Equal(suggestion, edit.NewText);
        Assert.Equal(written, _workspace.TextAt(uri, edit.Range));
        return fix;
    }

    [Fact]
    public void A_misspelled_point_gets_a_did_you_mean_fix()
    {
        var text = Samples.Job.Replace("ReactivePower ^ 2", "ReactivePwr ^ 2", StringComparison.Ordinal);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "ReactivePwr"));
        var fix = ChangeTo(uri, cursor, "ReactivePower", "ReactivePwr");
        Assert.Equal("quickfix", fix.Kind);
        Assert.Equal("DSL2003", Assert.Single(fix.Diagnostics ?? []).Code);
    }

    [Fact]
    public void A_misspelled_attribute_gets_a_did_you_mean_fix_that_names_it_an_attribute()
    {
        // In a merge, where a name may be a point or an attribute.
        var text = Samples.Job.Replace("ActivePower ^ 2", "(ActivePower / RatedPowr) ^ 2", StringComparison.Ordinal);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "RatedPowr"));
        var fix = ChangeTo(uri, cursor, "RatedPower", "RatedPowr");
        var diagnostic = Assert.Single(fix.Diagnostics ?? []);
        Assert.Equal("DSL2003", diagnostic.Code);
        Assert.Equal("The point or attribute \"RatedPowr\" is not declared in model \"WindTurbine\". Did you mean the attribute \"RatedPower\"?", diagnostic.Message);
    }

    [Fact]
    public void A_suggested_name_that_needs_backticks_is_put_in_place_with_them()
    {
        var text = "job demo\nmodel M { ai P kW pi `where` kWh ai Out kW }\nmerge M on P {\n  Out = wher * 2\n}\n";
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "wher *"));
        ChangeTo(uri, cursor, "`where`", "wher");
    }

    [Fact]
    public void A_suggested_name_with_a_tab_is_put_in_place_as_it_is_written_not_as_the_message_shows_it()
    {
        // The message shows the tab as \t so that it stays on one line; the name has a real tab.
        var text = "job demo\nmodel M { ai P kW ai `Out\tPower` kW }\nmerge M on P {\n  `Out\tPowr` = P * 2\n}\n";
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "`Out\tPowr`"));
        var fix = Assert.Single(Actions(uri, cursor), a => a.Title.StartsWith("Change to", StringComparison.Ordinal));
        Assert.Equal("Change to '`Out\\tPower`'", fix.Title);
        var edit = Assert.Single(fix.Edit.Changes[uri]);
        Assert.Equal("`Out\tPower`", edit.NewText);
        Assert.Equal("`Out\tPowr`", _workspace.TextAt(uri, edit.Range));
    }

    [Fact]
    public void A_unit_in_the_wrong_case_for_an_energy_source_is_changed_in_the_point_declaration()
    {
        // DSL3057 is reported at the rule's source point; its "Did you mean" is for the unit in the model.
        var text = Samples.Job.Replace("pi TotalEnergy kWh", "pi TotalEnergy kwh", StringComparison.Ordinal);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "TotalEnergy by"));
        var fix = Assert.Single(Actions(uri, cursor));
        Assert.Equal("Declare 'TotalEnergy' in 'kWh'", fix.Title);
        Assert.Equal("DSL3057", Assert.Single(fix.Diagnostics ?? []).Code);
        var edit = Assert.Single(fix.Edit.Changes[uri]);
        Assert.Equal("kWh", edit.NewText);
        Assert.Equal("kwh", _workspace.TextAt(uri, edit.Range));
        Assert.Equal(10, edit.Range.Start.Line);
    }

    [Fact]
    public void A_unit_in_the_wrong_case_of_an_energy_source_in_a_library_is_changed_in_the_library()
    {
        var library = "model Inverter {\n  ai AcPower: double \"w\" range [0, 5000]\n  pi DailyEnergy kWh\n}\n";
        var libraryUri = _workspace.WriteFile("models/inverter.stream", library);
        var job = "job pv\nimport \"models/inverter.stream\"\nsettings { timezone \"UTC\" }\nenergy Inverter from AcPower by instant_power { daily DailyEnergy }\n";
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(job, "AcPower by"));
        var fix = Assert.Single(Actions(uri, cursor), a => a.Title == "Declare 'AcPower' in 'W'");
        Assert.False(fix.Edit.Changes.ContainsKey(uri));
        var edit = Assert.Single(fix.Edit.Changes[libraryUri]);
        Assert.Equal("W", edit.NewText);
        Assert.Equal("\"w\"", _workspace.TextAt(libraryUri, edit.Range));
    }

    [Fact]
    public void A_unit_in_the_wrong_case_of_an_energy_source_named_with_its_model_is_changed_too()
    {
        var text = "job pv\nsettings { timezone \"UTC\" }\nmodel Inverter {\n  ai AcPower w\n  pi DailyEnergy kWh\n}\nenergy Inverter from Inverter::AcPower by instant_power { daily DailyEnergy }\n";
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "Inverter::AcPower"));
        var fix = Assert.Single(Actions(uri, cursor));
        Assert.Equal("Declare 'AcPower' in 'W'", fix.Title);
        var edit = Assert.Single(fix.Edit.Changes[uri]);
        Assert.Equal("W", edit.NewText);
        Assert.Equal(new Position(3, 13), edit.Range.Start);
    }

    [Fact]
    public void An_energy_source_in_a_unit_of_the_other_kind_gets_no_fix()
    {
        // A meter declared in kW is reported too, but no unit in another case would make it right.
        var text = Samples.Job.Replace("pi TotalEnergy kWh", "pi TotalEnergy kW", StringComparison.Ordinal);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "TotalEnergy by"));
        Assert.Equal("DSL3057", Assert.Single(_workspace.Workspace.GetCompilation(_workspace.Workspace.Documents.Get(uri)!).GetDiagnostics()).Code);
        Assert.Empty(Actions(uri, cursor));
    }

    [Fact]
    public void A_duration_with_its_unit_spelt_out_is_fixed_with_the_short_unit()
    {
        var text = "job demo\nmodel M { ai P kW ai A kW }\naggregate M window tumbling 10min {\n  A = avg(P)\n}\n";
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "10min"));
        var fix = ChangeTo(uri, cursor, "10m", "10min");
        Assert.Equal("DSL1007", Assert.Single(fix.Diagnostics ?? []).Code);
    }

    /// <summary>
    /// The one "Change to" fix at the cursor: it replaces <paramref name="written"/> with
    /// <paramref name="replacement"/>, and the file it gives compiles without a diagnostic.
    /// </summary>
    private CodeAction RewrittenTo(string text, string at, string replacement, string written, string code)
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, at));
        var fix = Assert.Single(Actions(uri, cursor), a => a.Title == $"Change to '{replacement}'");
        Assert.Equal(code, Assert.Single(fix.Diagnostics ?? [], d => d.Code == code).Code);
        var edit = Assert.Single(fix.Edit.Changes[uri]);
        Assert.Equal(replacement, edit.NewText);
        Assert.Equal(written, _workspace.TextAt(uri, edit.Range));

        var span = TextPositions.ToSpan(Compiler.Text.SourceText.From(text), edit.Range);
        var fixedText = text.Remove(span.Start, span.Length).Insert(span.Start, edit.NewText);
        Assert.Empty(Compiler.Compilation.Create(Compiler.Text.SourceText.From(fixedText)).GetDiagnostics());
        return fix;
    }

    [Theory]
    [InlineData("tumbling 10 m", "10 m", "10m")]
    [InlineData("tumbling 10 min", "10 min", "10m")]
    [InlineData("tumbling 2\tHours", "2\tHours", "2h")]
    public void A_window_duration_written_with_a_space_is_fixed_to_the_duration_as_written(string window, string written, string replacement)
    {
        var text = $"job demo\nmodel M {{ ai P kW ai A kW }}\naggregate M window {window} {{\n  A = avg(P)\n}}\n";
        RewrittenTo(text, written, replacement, written, "DSL1001");
    }

    [Fact]
    public void A_hold_duration_with_its_unit_spelt_out_is_fixed()
    {
        var text = "job demo\nmodel M { ai P kW ai Q kW }\nmerge M on P hold 1 hour {\n  Q = P\n}\n";
        RewrittenTo(text, "1 hour", "1h", "1 hour", "DSL1001");
    }

    [Fact]
    public void An_alarm_duration_with_its_unit_spelt_out_is_fixed_from_the_unit_it_is_reported_at()
    {
        var text = "job demo\nmodel M { ai P kW ai Q kW }\nmerge M on P {\n  Q = P\n}\nalarm {\n  on lag > 5 minutes notify \"ops\"\n}\n";
        var (uri, _) = _workspace.Open("main.stream", text);
        Assert.Equal("DSL1001", Assert.Single(_workspace.Workspace.GetCompilation(_workspace.Workspace.Documents.Get(uri)!).GetDiagnostics()).Code);
        RewrittenTo(text, "minutes", "5m", "5 minutes", "DSL1001");
    }

    [Fact]
    public void A_setting_duration_with_its_unit_spelt_out_is_fixed()
    {
        var text = "job demo\nsettings {\n  timezone \"UTC\"\n  lateness 30 seconds\n}\nmodel M { ai P kW ai Q kW }\nmerge M on P {\n  Q = P\n}\n";
        RewrittenTo(text, "30 seconds", "30s", "30 seconds", "DSL3040");
    }

    [Fact]
    public void A_number_before_a_word_that_names_no_unit_gets_no_fix()
    {
        var text = "job demo\nmodel M { ai P kW ai A kW }\naggregate M window tumbling 10 years {\n  A = avg(P)\n}\n";
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "10 years"));
        Assert.NotEmpty(_workspace.Workspace.GetCompilation(_workspace.Workspace.Documents.Get(uri)!).GetDiagnostics());
        Assert.Empty(Actions(uri, cursor));
    }

    [Fact]
    public void A_duration_hint_over_a_comment_gets_no_fix_that_would_take_the_comment_away()
    {
        // The parser skips the comment, so the hint names 10m; the text between is not a space.
        var text = "job demo\nmodel M { ai P kW ai A kW }\naggregate M window tumbling 10 /* ten */ min {\n  A = avg(P)\n}\n";
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "10 /*"));
        Assert.EndsWith("no space: 10m.", Assert.Single(_workspace.Workspace.GetCompilation(_workspace.Workspace.Documents.Get(uri)!).GetDiagnostics()).Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Actions(uri, cursor), a => a.Title == "Change to '10m'");
    }

    [Theory]
    [InlineData("range 0..100", "0..100", "[0, 100]")]
    [InlineData("range -100..3600", "-100..3600", "[-100, 3600]")]
    [InlineData("range 0.5..2.5", "0.5..2.5", "[0.5, 2.5]")]
    [InlineData("range 100..0", "100..0", "[0, 100]")]
    [InlineData("range 5..5", "5..5", "[5, 5]")]
    public void A_range_written_with_two_dots_is_fixed_to_the_closed_interval(string range, string written, string replacement)
    {
        var text = $"job demo\nmodel M {{\n  ai P kW {range}\n  ai Q kW\n}}\nmerge M on P {{\n  Q = P\n}}\n";
        RewrittenTo(text, written.TrimStart('-'), replacement, written, "DSL1006");
    }

    [Theory]
    [InlineData("job demo\nmodel M { ai P kW ai A kW }\naggregate M window tumbling 10m {\n  A = avg(P) where P in 0..3500\n}\n", "0..3500", "[0, 3500]")]
    [InlineData("job pv\nsettings { timezone \"UTC\" }\nmodel M {\n  pi E kWh\n  pi D kWh\n}\nenergy M from E by meter {\n  slope 0..5000\n  daily D\n}\n", "0..5000", "[0, 5000]")]
    public void A_range_written_with_two_dots_in_a_rule_is_fixed_to_the_closed_interval(string text, string written, string replacement) =>
        RewrittenTo(text, written, replacement, written, "DSL1006");

    [Fact]
    public void A_range_written_with_two_dots_in_an_imported_library_is_fixed_in_the_library_from_the_import()
    {
        var libraryUri = _workspace.WriteFile("models/meters.stream", Samples.Library.Replace("ai Power kW", "ai Power kW range -5..100", StringComparison.Ordinal));
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.JobUsingLibrary, "models/meters"));
        var fix = Assert.Single(Actions(uri, cursor), a => a.Title == "Change to '[-5, 100]'");
        Assert.False(fix.Edit.Changes.ContainsKey(uri));
        var edit = Assert.Single(fix.Edit.Changes[libraryUri]);
        Assert.Equal("[-5, 100]", edit.NewText);
        Assert.Equal("-5..100", _workspace.TextAt(libraryUri, edit.Range));
    }

    [Theory]
    [InlineData("sliding 10m every 5m", "hopping 10m step 5m")]
    [InlineData("rolling 1h by 15m", "hopping 1h step 15m")]
    [InlineData("sliding 10m\n    every 5m", "hopping 10m step 5m")]
    public void A_sliding_window_is_fixed_to_the_hopping_window_it_is_written_as(string window, string replacement)
    {
        var text = $"job demo\nmodel M {{ ai P kW ai A kW }}\naggregate M window {window} {{\n  A = avg(P)\n}}\n";
        RewrittenTo(text, window[..7], replacement, window, "DSL1001");
    }

    /// <summary>Each hint the compiler attaches an edit to is a quick fix whose result compiles.</summary>
    [Theory]
    [InlineData("job demo\nsettings { channel offline }\nschedule cron 0 2 * * * // nightly\n", "0 2", "\"0 2 * * *\"", "0 2 * * *", "DSL1001")]
    [InlineData("job demo\nsettings { channel offline }\nschedule every day at 02:00\n", "day", "daily at 02:00", "every day at 02:00", "DSL1001")]
    [InlineData("job demo\nalarm {\n  on failed or errors > 100 per 10m notify \"ops\"\n}\n", "or", ",", " or", "DSL1001")]
    [InlineData("job demo\nalarm {\n  on failed notify \"ops\" \"oncall\"\n}\n", "\"oncall", "\"ops\", \"oncall\"", "\"ops\" \"oncall\"", "DSL1001")]
    [InlineData("model M {\n  ai T °C\n}\n", "°C", "\"°C\"", "°C", "DSL1002")]
    [InlineData("model M {\n  ai P kW range [0x10, 100]\n}\n", "0x10", "16", "0x10", "DSL1006")]
    [InlineData("job pv\nsettings { timezone \"UTC\" }\nmodel M { pi E kWh pi D kWh }\nenergy M from E by meter {\n  slope [0, 500]\n  daily M::D\n}\n", "::", "daily D", "daily M::D", "DSL1001")]
    [InlineData("job demo\nmodel M { ai P kW ai A kW }\naggregate M window tumbling 10m {\n  A = P * 2\n}\n", "P * 2", "avg(P * 2)", "P * 2", "DSL2007")]
    public void A_hint_with_an_edit_is_a_quick_fix(string text, string at, string replacement, string written, string code)
    {
        RewrittenTo(text, at, replacement, written, code);
    }

    [Fact]
    public void A_sliding_window_with_a_comment_among_its_words_gets_no_fix_that_would_take_the_comment_away()
    {
        var text = "job demo\nmodel M { ai P kW ai A kW }\naggregate M window sliding 10m /* size */ every 5m {\n  A = avg(P)\n}\n";
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "sliding"));
        Assert.EndsWith("hopping 10m step 5m.", Assert.Single(_workspace.Workspace.GetCompilation(_workspace.Workspace.Documents.Get(uri)!).GetDiagnostics()).Message, StringComparison.Ordinal);
        Assert.Empty(Actions(uri, cursor));
    }

    [Fact]
    public void A_sliding_window_without_its_durations_gets_no_fix()
    {
        var text = "job demo\nmodel M { ai P kW ai A kW }\naggregate M window sliding 10m {\n  A = avg(P)\n}\n";
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "sliding"));
        Assert.NotEmpty(_workspace.Workspace.GetCompilation(_workspace.Workspace.Documents.Get(uri)!).GetDiagnostics());
        Assert.Empty(Actions(uri, cursor));
    }

    private static string Energy(string output) =>
        "job pv\nsettings { timezone \"UTC\" }\nmodel M {\n  pi E kWh\n  pi DailyEnergy kWh\n  pi MonthlyEnergy kWh\n}\n"
        + $"energy M from E by meter {{\n  slope [0, 500]\n  daily DailyEnergy\n  {output}\n}}\n";

    [Theory]
    [InlineData("monthly", "every 1mo")]
    [InlineData("weekly", "every 1w")]
    [InlineData("hourly", "every 1h")]
    public void A_period_total_is_fixed_to_an_every_output(string period, string replacement) =>
        RewrittenTo(Energy($"{period} MonthlyEnergy"), period, replacement, period, "DSL1001");

    [Fact]
    public void A_monthly_total_without_its_target_gets_no_fix()
    {
        var text = Energy("monthly");
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "monthly"));
        Assert.Contains(_workspace.Workspace.GetCompilation(_workspace.Workspace.Documents.Get(uri)!).GetDiagnostics(), d => d.Message.EndsWith("every 1mo TARGET.", StringComparison.Ordinal));
        Assert.Empty(Actions(uri, cursor));
    }

    [Fact]
    public void A_misspelt_keyword_gets_a_did_you_mean_fix()
    {
        var text = Samples.Job.Replace("merge ", "mrege ", StringComparison.Ordinal);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "mrege"));
        var fix = ChangeTo(uri, cursor, "merge", "mrege");
        Assert.Equal("DSL1001", Assert.Single(fix.Diagnostics ?? []).Code);
    }

    [Theory]
    [InlineData("job demo\nmodel M { ai P kW ai A kW }\naggregate M windows tumbling 10m {\n  A = avg(P)\n}\n", "windows", "window")]
    [InlineData("job demo\nmodel M { ai P kW ai A kW }\naggregate M Window tumbling 10m {\n  A = avg(P)\n}\n", "Window", "window")]
    [InlineData("job pv\nsettings { timezone \"UTC\" }\nmodel M { pi E kWh pi D kWh }\nenergy M form E by meter {\n  slope [0, 500]\n  daily D\n}\n", "form", "from")]
    public void A_misspelt_header_keyword_gets_a_fix_to_the_keyword(string text, string written, string keyword)
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, written));
        var fix = ChangeTo(uri, cursor, keyword, written);
        Assert.Equal("DSL1001", Assert.Single(fix.Diagnostics ?? []).Code);
    }

    [Fact]
    public void A_misspelling_in_an_imported_library_gets_its_fix_on_the_import_line_and_the_fix_edits_the_library()
    {
        var libraryUri = _workspace.WriteFile("models/meters.stream", Samples.Library.Replace("ai Power kW", "ai Power: doubel kW", StringComparison.Ordinal));
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.JobUsingLibrary, "models/meters"));
        var fix = Assert.Single(Actions(uri, cursor), a => a.Title.Contains("double", StringComparison.Ordinal));
        var edit = Assert.Single(fix.Edit.Changes[libraryUri]);
        Assert.Equal("double", edit.NewText);
        Assert.Equal("doubel", _workspace.TextAt(libraryUri, edit.Range));
        Assert.False(fix.Edit.Changes.ContainsKey(uri));

        // Elsewhere in the job the library's diagnostic offers nothing.
        var (_, elsewhere) = _workspace.Open("main.stream", Samples.WithCursor(Samples.JobUsingLibrary, "Reading by"));
        Assert.DoesNotContain(Actions(uri, elsewhere), a => a.Title.Contains("double", StringComparison.Ordinal));
    }

    [Fact]
    public void A_logical_operator_written_as_a_word_is_fixed_with_the_operator_itself()
    {
        var text = "job demo\nmodel M { ai P kW ai Q kW ai On }\nmerge M on P {\n  On = P > 0 and Q > 0\n}\n";
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "and Q"));
        ChangeTo(uri, cursor, "&&", "and");
    }

    [Fact]
    public void A_single_equals_in_a_where_clause_is_fixed_with_double_equals()
    {
        var text = Samples.Job.Replace("where ActivePower in [0, 3500)", "where ActivePower = 0", StringComparison.Ordinal);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "= 0"));
        ChangeTo(uri, cursor, "==", "=");
    }

    [Fact]
    public void An_undeclared_merge_output_gets_an_add_point_fix()
    {
        var text = Samples.Job.Replace("  ApparentPower = sqrt", "  LoadFactor = ActivePower / RatedPower\n  ApparentPower = sqrt", StringComparison.Ordinal);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "LoadFactor"));
        var fix = Assert.Single(Actions(uri, cursor), a => a.Title.StartsWith("Add", StringComparison.Ordinal));
        var edit = Assert.Single(fix.Edit.Changes[uri]);
        Assert.Equal("  ai LoadFactor\n", edit.NewText);
        Assert.Equal(15, edit.Range.Start.Line);
    }

    [Theory]
    [InlineData("ActivePower", "ai Output kW")]
    [InlineData("round(abs(ActivePower - RatedPower), 1)", "ai Output kW")]
    [InlineData("-(ActivePower + 5)", "ai Output kW")]
    [InlineData("if ActivePower > 0 then max(ActivePower, RatedPower) else 0", "ai Output kW")]
    [InlineData("prev(ActivePower) + delta(ActivePower)", "ai Output kW")]
    [InlineData("WindTurbine::RatedPower", "ai Output kW")]
    [InlineData("clamp(ReactivePower, -100, 100)", "ai Output kvar")]
    [InlineData("ActivePower + ReactivePower", "ai Output")]
    [InlineData("ActivePower * 2", "ai Output")]
    [InlineData("sqrt(ActivePower)", "ai Output")]
    [InlineData("rate(TotalEnergy)", "ai Output")]
    [InlineData("sign(ActivePower)", "ai Output: int")]
    [InlineData("5", "ai Output: int")]
    public void An_undeclared_merge_output_gets_the_unit_of_its_expression_where_its_units_agree(string expression, string declaration)
    {
        var text = Samples.Job.Replace("  ApparentPower = sqrt", $"  Output = {expression}\n  ApparentPower = sqrt", StringComparison.Ordinal);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "Output ="));
        var fix = Assert.Single(Actions(uri, cursor), a => a.Title.StartsWith("Add", StringComparison.Ordinal));
        Assert.Equal($"  {declaration}\n", Assert.Single(fix.Edit.Changes[uri]).NewText);
    }

    [Theory]
    [InlineData("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "ai Output")]
    [InlineData("ActivePower * 0.25", "ai Output")]
    [InlineData("ActivePower / RatedPower", "ai Output")]
    [InlineData("(ActivePower + RatedPower) / 2", "ai Output")]
    [InlineData("ActivePower + 1", "ai Output kW")]
    [InlineData("ActivePower > RatedPower", "generic Output: bool")]
    [InlineData("Rain", "ai Output \"in\"")]
    [InlineData("Gauge", "ai Output \"int\"")]
    [InlineData("Sector", "ai Output \"range\"")]
    [InlineData("Angle", "ai Output \"pi\"")]
    public void A_point_added_for_a_merge_output_compiles_without_a_new_diagnostic(string expression, string declaration)
    {
        // The compiler has no units for products, quotients and roots (it checks units only where energy
        // rules convert them), so those get none; a unit the parser would not read as one is quoted.
        var text = Samples.Job
            .Replace("  pi DailyEnergy kWh", "  pi DailyEnergy kWh\n  ai Rain \"in\"\n  ai Gauge \"int\"\n  ai Sector \"range\"\n  ai Angle \"pi\"", StringComparison.Ordinal)
            .Replace("  ApparentPower = sqrt", $"  Output = {expression}\n  ApparentPower = sqrt", StringComparison.Ordinal);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "Output ="));
        var fix = Assert.Single(Actions(uri, cursor), a => a.Title.StartsWith("Add", StringComparison.Ordinal));
        var edit = Assert.Single(fix.Edit.Changes[uri]);
        Assert.Equal($"  {declaration}\n", edit.NewText);

        var span = TextPositions.ToSpan(Compiler.Text.SourceText.From(text), edit.Range);
        var fixedText = text.Remove(span.Start, span.Length).Insert(span.Start, edit.NewText);
        // Only the warnings that the points the other cases read are not read here.
        var diagnostics = Compiler.Compilation.Create(Compiler.Text.SourceText.From(fixedText)).GetDiagnostics();
        Assert.All(diagnostics, d => Assert.Equal("DSL2018", d.Code));
    }

    [Theory]
    [InlineData("avg(ActivePower)", "ai Output kW")]
    [InlineData("max(abs(ReactivePower))", "ai Output kvar")]
    [InlineData("variance(ActivePower)", "ai Output")]
    [InlineData("integral(ActivePower)", "ai Output")]
    public void An_undeclared_aggregate_output_gets_the_unit_its_statistic_keeps(string statistic, string declaration)
    {
        var text = Samples.Job.Replace("ActivePowerAvg10m = avg(ActivePower) where ActivePower in [0, 3500)", $"ActivePowerAvg10m = avg(ActivePower)\n  Output = {statistic}", StringComparison.Ordinal);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "Output ="));
        var fix = Assert.Single(Actions(uri, cursor), a => a.Title.StartsWith("Add", StringComparison.Ordinal));
        Assert.Equal($"  {declaration}\n", Assert.Single(fix.Edit.Changes[uri]).NewText);
    }

    [Fact]
    public void An_undeclared_energy_output_is_added_as_a_pi_point_in_the_library()
    {
        var libraryUri = _workspace.WriteFile("models/meters.stream", Samples.Library);
        var text = Samples.JobUsingLibrary.Replace("daily DailyEnergy", "daily DailyTotal", StringComparison.Ordinal);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "DailyTotal"));
        var fix = Assert.Single(Actions(uri, cursor), a => a.Title.StartsWith("Add", StringComparison.Ordinal));
        var edit = Assert.Single(fix.Edit.Changes[libraryUri]);
        Assert.Equal("  pi DailyTotal kWh\n", edit.NewText);
    }

    [Fact]
    public void A_count_output_is_added_as_a_long_point()
    {
        var text = Samples.Job.Replace("ActivePowerAvg10m = avg(ActivePower) where ActivePower in [0, 3500)", "ActivePowerAvg10m = avg(ActivePower)\n  Samples10m = count(ActivePower)", StringComparison.Ordinal);
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "Samples10m"));
        var fix = Assert.Single(Actions(uri, cursor), a => a.Title.StartsWith("Add", StringComparison.Ordinal));
        Assert.Equal("  ai Samples10m: long\n", Assert.Single(fix.Edit.Changes[uri]).NewText);
    }

    [Theory]
    [InlineData("job demo\nmodel M { ai P kW }\nmerge M on P {\n  Q = P\n}\n", "job demo\nmodel M { ai P kW\n  ai Q kW\n}\nmerge M on P {\n  Q = P\n}\n")]
    [InlineData("job demo\n  model M {\tai P kW }\nmerge M on P {\n  Q = P\n}\n", "job demo\n  model M {\tai P kW\n    ai Q kW\n}\nmerge M on P {\n  Q = P\n}\n")]
    [InlineData("job demo\nmodel M {\n  ai P kW }\nmerge M on P {\n  Q = P\n}\n", "job demo\nmodel M {\n  ai P kW\n  ai Q kW\n}\nmerge M on P {\n  Q = P\n}\n")]
    public void A_point_added_to_a_model_closed_after_a_member_goes_on_an_indented_line_of_its_own(string text, string expected)
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(text, "Q = P"));
        var fix = Assert.Single(Actions(uri, cursor), a => a.Title.StartsWith("Add", StringComparison.Ordinal));
        var edit = Assert.Single(fix.Edit.Changes[uri]);

        var source = Compiler.Text.SourceText.From(text);
        var span = TextPositions.ToSpan(source, edit.Range);
        Assert.Equal(expected, text.Remove(span.Start, span.Length).Insert(span.Start, edit.NewText));
    }

    [Fact]
    public void A_clean_file_has_no_fixes()
    {
        var (uri, cursor) = _workspace.Open("main.stream", Samples.WithCursor(Samples.Job, "ReactivePower ^ 2"));
        Assert.Empty(Actions(uri, cursor));
    }
}
