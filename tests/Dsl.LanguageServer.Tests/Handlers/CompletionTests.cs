using System.Text.Json.Nodes;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Handlers.Completion;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Handlers;

public sealed class CompletionTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>The completion items at the cursor (<c>|</c>) of <paramref name="marked"/>, opened as main.stream, and the document's uri.</summary>
    private (CompletionList List, string Uri) Items(string marked, bool snippets = true)
    {
        var (uri, cursor) = _workspace.Open("main.stream", marked);
        var handler = new CompletionHandler(_workspace.Workspace) { SnippetSupport = snippets };
        return (handler.Handle(new CompletionParams(new TextDocumentIdentifier(uri), cursor), CancellationToken.None), uri);
    }

    private string[] Complete(string marked) => [.. Items(marked).List.Items.Select(i => i.Label)];

    /// <summary>The keywords among the items: what may continue the text before the cursor, without the names offered beside them.</summary>
    private string[] CompleteKeywords(string marked) =>
        [.. Items(marked).List.Items.Where(i => i.Kind == CompletionItemKind.Keyword).Select(i => i.Label)];

    /// <summary>The document after accepting the item labelled <paramref name="label"/> at the cursor.</summary>
    private string Accept(string marked, string label)
    {
        var (list, uri) = Items(marked);
        var edit = Assert.Single(list.Items, i => i.Label == label).TextEdit ?? throw new InvalidOperationException("no edit");
        var source = Compiler.Text.SourceText.From(_workspace.TextOf(uri));
        var span = TextPositions.ToSpan(source, edit.Range);
        return source.Text.Remove(span.Start, span.Length).Insert(span.Start, edit.NewText);
    }

    private static string Replace(string anchor, string replacement) => Samples.Job.Replace(anchor, replacement, StringComparison.Ordinal);

    /// <summary>`then`, `else` and `in` follow an operand: where one must start, they would write text that cannot parse.</summary>
    [Theory]
    [InlineData("ActivePower + |")]
    [InlineData("|")]
    [InlineData("sqrt(|)")]
    public void Where_an_operand_starts_only_words_that_begin_one_are_offered(string marked) =>
        Assert.Equal(["false", "if", "true"], CompleteKeywords(Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", marked)).Order());

    [Fact]
    public void In_an_energy_slope_no_bool_is_offered()
    {
        string job = "job j\nmodel M {\n  pi E kWh\n  pi D kWh\n  attribute K: double = 1\n}\nenergy M from E by meter {\n  slope [0, |]\n  daily D\n}\n";
        Assert.Equal(["if"], CompleteKeywords(job));
        Assert.Contains("K", Complete(job));
    }

    /// <summary>A point named like a keyword that can come there is offered beside the keyword, in its backticks.</summary>
    [Fact]
    public void A_point_named_like_a_keyword_offered_there_too_is_not_dropped()
    {
        var (list, _) = Items("job j\nmodel M {\n  ai P: double kW\n  ai `where` kW\n  ai Z kW\n}\naggregate M window tumbling 1h {\n  Z = count(P) |\n}\n");
        var where = list.Items.Where(i => i.Label == "where").ToArray();
        Assert.Equal([(CompletionItemKind.Field, "`where`"), (CompletionItemKind.Keyword, "where")], where.Select(i => (i.Kind, i.TextEdit!.NewText)).OrderBy(i => i.Item2, StringComparer.Ordinal));
    }

    [Fact]
    public void Job_and_schedule_are_offered_only_while_the_file_has_none()
    {
        var library = Complete("model M {\n  ai P kW\n}\n|");
        Assert.Contains("job", library);
        Assert.Contains("schedule", library);

        // A second job line or schedule is an error (DSL2016): a file has one of each at most.
        var scheduled = Complete(Samples.Job + "\nschedule daily at 02:00\n|");
        Assert.DoesNotContain("job", scheduled);
        Assert.DoesNotContain("schedule", scheduled);
        Assert.Contains("model", scheduled);

        // The job line being typed over is still offered its keyword.
        Assert.Contains("job", Complete("jo|b demo\nmodel M {\n  ai P kW\n}\n"));
    }

    [Fact]
    public void At_the_top_level_the_declaration_keywords_are_offered()
    {
        var labels = Complete(Samples.Job + "\n|");
        Assert.Contains("aggregate", labels);
        Assert.Contains("model", labels);
        Assert.Contains("import", labels);
        Assert.DoesNotContain("ai", labels);
    }

    [Theory]
    [InlineData("job demo |")]
    [InlineData("job `my demo` |")]
    [InlineData("job demo \"Demo\" |")]
    [InlineData("job demo \"Demo\" import \"lib.stream\" |")]
    public void After_a_job_line_or_an_import_the_declarations_are_offered_on_its_line(string marked)
    {
        var labels = Complete(marked);
        Assert.Contains("model", labels);
        Assert.Contains("import", labels);
        Assert.DoesNotContain("job", labels);
    }

    [Theory]
    [InlineData("schedule once |")]
    [InlineData("schedule every 1h |")]
    [InlineData("schedule daily at 02:00 |")]
    [InlineData("schedule cron \"0 2 * * *\" |")]
    [InlineData("schedule on file \"incoming/*.jsonl\" |")]
    public void After_a_finished_schedule_the_declarations_are_offered_on_its_line(string marked)
    {
        var labels = Complete("job demo\n" + marked);
        Assert.Contains("model", labels);
        Assert.Contains("alarm", labels);
        Assert.DoesNotContain("schedule", labels);
        Assert.DoesNotContain("job", labels);
    }

    [Theory]
    [InlineData("job |")]
    [InlineData("schedule every |", "1h")]
    [InlineData("schedule daily |", "at")]
    [InlineData("schedule daily at |")]
    [InlineData("schedule cron |")]
    [InlineData("schedule on file |")]
    public void An_unfinished_job_line_or_schedule_is_offered_no_declaration(string marked, string? expected = null)
    {
        var labels = Complete(marked);
        Assert.DoesNotContain("model", labels);
        if (expected is not null)
            Assert.Contains(expected, labels);
    }

    [Fact]
    public void After_aggregate_the_models_are_offered()
    {
        var labels = Complete(Samples.Job + "\naggregate |");
        Assert.Equal(["WindTurbine"], labels);
    }

    [Fact]
    public void After_window_the_window_kinds_are_offered()
    {
        var labels = Complete(Samples.Job + "\naggregate WindTurbine window |");
        Assert.Equal(["hopping", "session", "tumbling"], labels.Order());
    }

    [Fact]
    public void At_the_start_of_a_model_member_the_point_kinds_are_offered()
    {
        var labels = Complete(Replace("  ai ReactivePower kvar\n", "  ai ReactivePower kvar\n  |\n"));
        Assert.Contains("ai", labels);
        Assert.Contains("pi", labels);
        Assert.Contains("attribute", labels);
    }

    [Fact]
    public void After_a_colon_in_a_point_the_types_are_offered()
    {
        var labels = Complete(Replace("  ai ReactivePower kvar\n", "  ai Extra: |\n"));
        Assert.Contains("double", labels);
        Assert.Contains("bool", labels);
    }

    [Fact]
    public void Right_of_equals_in_an_aggregate_block_the_aggregate_functions_are_offered()
    {
        var labels = Complete(Replace("ActivePowerAvg10m = avg(ActivePower) where ActivePower in [0, 3500)", "ActivePowerAvg10m = |"));
        Assert.Contains("avg", labels);
        Assert.Contains("percentile", labels);
        Assert.Contains("twa", labels);
        Assert.DoesNotContain("sqrt", labels);
        Assert.DoesNotContain("ActivePower", labels);
    }

    [Fact]
    public void At_the_start_of_an_output_line_the_models_points_are_offered()
    {
        var labels = Complete(Replace("  ApparentPower = sqrt", "  |\n  ApparentPower = sqrt"));
        Assert.Contains("TotalEnergy", labels);
        Assert.DoesNotContain("RatedPower", labels);
    }

    [Theory]
    [InlineData("ApparentPower")]     // by the output on the next line of this merge (DSL2017)
    [InlineData("ActivePowerAvg10m")] // by the aggregate (DSL3015)
    [InlineData("DailyEnergy")]       // by the energy rule's daily
    public void A_point_another_output_writes_is_not_offered_as_a_target(string written) =>
        Assert.DoesNotContain(written, Complete(Replace("  ApparentPower = sqrt", "  |\n  ApparentPower = sqrt")));

    [Fact]
    public void A_point_another_output_of_the_block_writes_is_not_offered_while_a_name_is_typed_above_it() =>
        // `T ApparentPower = …` parses as one broken output: the tree no longer has ApparentPower's.
        Assert.DoesNotContain("ApparentPower", Complete(Replace("  ApparentPower = sqrt", "  T|\n  ApparentPower = sqrt")));

    [Fact]
    public void A_point_the_rule_reads_is_not_offered_as_its_target()
    {
        // The outputs of a rule are computed from the values before it runs: it cannot write what it reads (DSL3061).
        Assert.DoesNotContain("ReactivePower", Complete(Replace("  ApparentPower = sqrt", "  |\n  ApparentPower = sqrt")));
        Assert.DoesNotContain("ActivePower", CompleteAggregateOutput("avg(ActivePower) |"));
    }

    [Fact]
    public void A_point_the_rule_writes_is_not_offered_in_its_expressions()
    {
        var labels = Complete(Replace("  ApparentPower = sqrt(ActivePower ^ 2 + ReactivePower ^ 2)\n",
            "  ApparentPower = sqrt(ActivePower ^ 2 + ReactivePower ^ 2)\n  TotalEnergy = ReactivePower + |\n"));
        Assert.Contains("ReactivePower", labels);
        Assert.DoesNotContain("ApparentPower", labels);
        Assert.DoesNotContain("TotalEnergy", labels);
    }

    [Fact]
    public void The_target_being_typed_over_is_still_offered() =>
        Assert.Contains("ApparentPower", Complete(Replace("  ApparentPower = sqrt", "  Appar|entPower = sqrt")));

    [Fact]
    public void Inside_a_merge_expression_points_attributes_and_functions_are_offered()
    {
        var labels = Complete(Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "sqrt(|)"));
        Assert.Contains("ActivePower", labels);
        Assert.Contains("RatedPower", labels);
        Assert.Contains("prev", labels);
        Assert.Contains("hour", labels);
        Assert.DoesNotContain("avg", labels);
    }

    [Fact]
    public void Function_items_carry_their_signature()
    {
        var (list, uri) = Items(Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "|"));
        var round = Assert.Single(list.Items, i => i.Label == "round");
        Assert.Contains("digits", round.Detail);
        Assert.Equal(2, round.InsertTextFormat);
    }

    [Fact]
    public void Without_snippet_support_a_function_is_inserted_by_name_as_plain_text()
    {
        var (list, _) = Items(Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "|"), snippets: false);

        var round = Assert.Single(list.Items, i => i.Label == "round");
        Assert.Null(round.InsertTextFormat);
        Assert.Equal("round", round.TextEdit?.NewText);
        Assert.DoesNotContain(list.Items, i => i.InsertTextFormat == 2 || i.TextEdit?.NewText.Contains('$') == true);
    }

    /// <summary>What the client says at initialize decides: LSP allows snippets only for a client that takes them.</summary>
    [Theory]
    [InlineData("{}", "round")]
    [InlineData("""{"textDocument":{"completion":{"completionItem":{"snippetSupport":false}}}}""", "round")]
    [InlineData("""{"textDocument":{"completion":{"completionItem":{"snippetSupport":true}}}}""", "round($1)$0")]
    public async Task Functions_are_snippets_only_for_a_client_that_supports_them(string capabilities, string inserted)
    {
        await using var client = TestClient.StartServer();
        var initialized = await client.RequestAsync("initialize", new JsonObject { ["processId"] = null, ["capabilities"] = JsonNode.Parse(capabilities) });
        Assert.True(initialized.ContainsKey("result"), initialized.ToJsonString());
        var marked = MarkedSource.Parse(Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "|"));
        var position = TextPositions.ToPosition(Compiler.Text.SourceText.From(marked.Text), marked.Cursor);
        client.SendNotification("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = "untitled:Untitled-1", ["languageId"] = "stream", ["version"] = 1, ["text"] = marked.Text },
        });

        var response = await client.RequestAsync("textDocument/completion", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = "untitled:Untitled-1" },
            ["position"] = new JsonObject { ["line"] = position.Line, ["character"] = position.Character },
        });

        var round = response["result"]!["items"]!.AsArray().Single(i => i!["label"]!.GetValue<string>() == "round")!;
        Assert.Equal(inserted, round["textEdit"]!["newText"]!.GetValue<string>());
        Assert.Equal(inserted.Contains('$') ? 2 : null, round["insertTextFormat"]?.GetValue<int>());
    }

    [Fact]
    public void After_digits_the_duration_units_are_offered()
    {
        var labels = Complete(Replace("tumbling 10m", "tumbling 1|"));
        Assert.Contains("1m", labels);
        Assert.Contains("1mo", labels);
        Assert.Contains("1ms", labels);
    }

    [Theory]
    [InlineData("merge WindTurbine on ActivePower hold 10m", "merge WindTurbine on ActivePower hold |")]
    [InlineData("merge WindTurbine on ActivePower hold 10m", "merge WindTurbine on ActivePower hold 1|")]
    [InlineData("  lateness 5m\n", "  lateness 1|\n")]
    [InlineData("window tumbling 10m", "window hopping 1h step |")]
    [InlineData("window tumbling 10m", "window tumbling 1d offset |")]
    public void Where_a_fixed_length_is_needed_months_are_not_offered(string anchor, string marked)
    {
        var labels = Complete(Replace(anchor, marked));
        Assert.NotEmpty(labels);
        Assert.DoesNotContain(labels, l => l.EndsWith("mo", StringComparison.Ordinal));
    }

    [Fact]
    public void Where_a_period_follows_the_calendar_only_one_day_week_or_month_is_a_calendar_length()
    {
        var two = Complete(Replace("window tumbling 10m", "window tumbling 2|"));
        Assert.Contains("2h", two);
        Assert.DoesNotContain("2d", two);
        Assert.DoesNotContain("2mo", two);
        Assert.Contains("1mo", Complete(Replace("window tumbling 10m", "window tumbling 1|")));

        // A fixed length takes days and weeks as 24 and 168 hours.
        Assert.Contains("2d", Complete(Replace("merge WindTurbine on ActivePower hold 10m", "merge WindTurbine on ActivePower hold 2|")));
    }

    [Theory]
    [InlineData("window hopping |")]
    [InlineData("window hopping 1|")]
    [InlineData("window hopping 2h step |")]
    [InlineData("window hopping 2h step 2|")]
    public void A_hopping_window_is_offered_no_days_or_weeks(string marked)
    {
        var labels = Complete(Replace("window tumbling 10m", marked));
        Assert.Contains(labels, l => l.EndsWith('h'));
        Assert.DoesNotContain(labels, l => l.EndsWith('d') || l.EndsWith('w') || l.EndsWith("mo", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("window tumbling 10m", "window tumbling 0|")]
    [InlineData("window tumbling 10m", "window hopping 1h step 0|")]
    [InlineData("merge WindTurbine on ActivePower hold 10m", "merge WindTurbine on ActivePower hold 0|")]
    [InlineData("merge WindTurbine on ActivePower hold 10m", "merge WindTurbine every 00|")]
    public void Where_a_duration_must_be_longer_than_zero_no_zero_is_offered(string anchor, string marked) =>
        Assert.Empty(Complete(Replace(anchor, marked)));

    [Theory]
    [InlineData("  lateness 5m\n", "  lateness 0|\n")]
    [InlineData("window tumbling 10m", "window tumbling 1h offset 0|")]
    public void A_lateness_or_an_offset_may_be_zero(string anchor, string marked) =>
        Assert.Contains("0s", Complete(Replace(anchor, marked)));

    [Theory]
    [InlineData("  on checkpoint_age > 0|", "0m")]
    [InlineData("  on lag <= 3|", "3m")]
    [InlineData("  on errors > 1 per 1|", "1m")]
    public void An_alarm_is_offered_durations_where_its_condition_takes_one(string condition, string expected) =>
        Assert.Contains(expected, Complete(Samples.Job + "alarm {\n" + condition + "\n}\n"));

    [Theory]
    [InlineData("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "ActivePower * 2|")]
    [InlineData("slope [0, RatedPower * 1.2]", "slope [0, 1|]")]
    [InlineData("ActivePower in [0, 3500)", "ActivePower in [0, 35|)")]
    public void A_number_in_an_expression_is_offered_no_units(string anchor, string marked) =>
        Assert.Empty(Complete(Replace(anchor, marked)));

    [Fact]
    public void A_number_an_alarm_counts_is_offered_no_units() =>
        Assert.Empty(Complete(Samples.Job + "alarm {\n  on errors > 10|\n}\n"));

    [Fact]
    public void An_early_period_is_offered_duration_units() =>
        Assert.Contains("1m", Complete(Replace("window tumbling 10m", "window tumbling 10m emit early every 1|")));

    [Fact]
    public void A_trigger_written_with_its_model_is_not_offered_as_an_output()
    {
        var labels = Complete(Replace("merge WindTurbine on ActivePower hold 10m {\n  ApparentPower = sqrt", "merge WindTurbine on WindTurbine::ActivePower hold 10m {\n  |\n  ApparentPower = sqrt"));
        Assert.Contains("TotalEnergy", labels);
        Assert.DoesNotContain("ActivePower", labels);
    }

    [Theory]
    [InlineData("  ApparentPower = sqrt", "  WindTurbine::|\n  ApparentPower = sqrt")]
    [InlineData("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "ActivePower * 2 WindTurbine::|")]
    [InlineData("ActivePowerAvg10m = avg", "WindTurbine::|\n  ActivePowerAvg10m = avg")]
    [InlineData("  daily DailyEnergy", "  daily WindTurbine::|")]
    public void Where_an_output_goes_nothing_is_offered_after_a_model_qualifier(string anchor, string marked) =>
        // An output is named without its model: `M::P = …` is an error (DSL1001).
        Assert.Empty(Complete(Replace(anchor, marked)));

    [Theory]
    [InlineData("window tumbling 10m", "window tumbling |")]
    [InlineData("window tumbling 10m", "window tumbling 1|")]
    [InlineData("merge WindTurbine on ActivePower hold 10m", "merge WindTurbine every |")]
    public void Where_a_period_may_follow_the_calendar_months_are_offered(string anchor, string marked) =>
        Assert.Contains(Complete(Replace(anchor, marked)), l => l.EndsWith("mo", StringComparison.Ordinal));

    [Fact]
    public void Output_targets_leave_out_input_only_points_the_trigger_and_for_energy_the_source_and_all_but_pi()
    {
        var job = Samples.Job.Replace("  pi DailyEnergy kWh\n", "  pi DailyEnergy kWh\n  di Status: int\n  pi Pulses: long\n", StringComparison.Ordinal);
        var merge = Complete(job.Replace("  ApparentPower = sqrt", "  |\n  ApparentPower = sqrt", StringComparison.Ordinal));
        Assert.Contains("Pulses", merge);
        Assert.DoesNotContain("Status", merge);
        Assert.DoesNotContain("ActivePower", merge);

        // Pulses is a pi point but not a double, and TotalEnergy is the rule's source, which it reads (DSL3061).
        var energy = Complete(job.Replace("daily DailyEnergy", "daily |", StringComparison.Ordinal));
        Assert.Equal(["DailyEnergy"], energy);
        var sourceWithModel = Complete(job.Replace("from TotalEnergy by meter {\n  slope [0, RatedPower * 1.2]\n  daily DailyEnergy", "from WindTurbine::TotalEnergy by meter {\n  every 1h |", StringComparison.Ordinal));
        Assert.Equal(["DailyEnergy"], sourceWithModel);
    }

    [Fact]
    public void Inside_timezone_quotes_common_time_zones_are_offered()
    {
        var labels = Complete(Replace("timezone \"Europe/Berlin\"", "timezone \"Eu|\""));
        Assert.Contains("Europe/Berlin", labels);
        Assert.Contains("UTC", labels);
    }

    [Fact]
    public void After_a_model_qualifier_in_an_expression_that_models_points_and_attributes_are_offered()
    {
        // `WindTurbine::RatedPower` is an attribute read as the compiler takes it; nothing else follows `::`.
        var labels = Complete(Replace("sqrt(ActivePower ^ 2", "sqrt(WindTurbine::|"));
        Assert.Contains("ReactivePower", labels);
        Assert.Contains("RatedPower", labels);
        Assert.DoesNotContain("sqrt", labels);
        Assert.DoesNotContain("WindTurbine", labels);
        Assert.DoesNotContain("if", labels);
    }

    [Fact]
    public void After_a_model_qualifier_in_an_energy_slope_only_attributes_are_offered()
    {
        // A slope reads attributes and constants only (DSL3044 for a point).
        var labels = Complete(Replace("slope [0, RatedPower * 1.2]", "slope [0, WindTurbine::|]"));
        Assert.Equal(["RatedPower"], labels);
    }

    [Fact]
    public void After_a_model_qualifier_in_a_where_condition_the_aggregated_point_and_the_attributes_are_offered()
    {
        var labels = Complete(Replace("where ActivePower in", "where WindTurbine::| in"));
        Assert.Equal(["ActivePower", "RatedPower"], labels.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void After_a_model_qualifier_of_a_merge_trigger_only_points_are_offered()
    {
        var labels = Complete(Replace("merge WindTurbine on ActivePower", "merge WindTurbine on WindTurbine::|"));
        Assert.Contains("ActivePower", labels);
        Assert.DoesNotContain("RatedPower", labels);
    }

    [Theory]
    [InlineData("model M {\n  ai P kW |\n}", new[] { "ai", "attribute", "di", "generic", "pi", "range" })]
    [InlineData("model M {\n  ai P: double |\n}", new[] { "ai", "attribute", "di", "generic", "pi", "range" })]
    [InlineData("model M {\n  ai P kW range [0, |\n}", new string[0])]
    [InlineData("model M {\n  ai P kW range |\n}", new string[0])]
    [InlineData("model M {\n  ai P kW range [0, 10] |\n}", new[] { "ai", "attribute", "di", "generic", "pi" })]
    [InlineData("model M { ai P kW range [0, 1] ai Q kW |\n}", new[] { "ai", "attribute", "di", "generic", "pi", "range" })]
    public void A_point_is_offered_its_range_once_and_not_inside_it(string model, string[] expected)
    {
        Assert.Equal(expected, Complete("job demo\n" + model + "\n").Order());
    }

    [Theory]
    [InlineData("model M {\n  ai P kW range [0, 10] a|\n}", new[] { "ai", "attribute", "di", "generic", "pi" })]
    [InlineData("model M { attribute R = 5 kW |\n}", new[] { "ai", "attribute", "di", "generic", "pi" })]
    [InlineData("model M { attribute R = |\n}", new string[0])]
    [InlineData("model M { attribute R = 5 * |\n}", new string[0])]
    [InlineData("model M { ai |\n}", new string[0])]
    public void After_a_member_its_line_is_offered_the_next_member(string model, string[] expected) =>
        Assert.Equal(expected, Complete("job demo\n" + model + "\n").Order());

    [Fact]
    public void After_on_in_a_merge_header_the_points_are_offered()
    {
        var labels = Complete(Replace("merge WindTurbine on ActivePower hold 10m", "merge WindTurbine on |"));
        Assert.Contains("ActivePower", labels);
    }

    [Fact]
    public void Inside_a_comment_nothing_is_offered()
    {
        Assert.Empty(Complete("// aggregate |\n" + Samples.Job));
    }

    [Fact]
    public void A_half_typed_file_still_gets_completions()
    {
        var labels = Complete(Samples.Job + "\nmerge WindTurbine every 10m {\n  LoadFactor = ActivePower / |");
        Assert.Contains("RatedPower", labels);
        Assert.Contains("ActivePower", labels);
    }

    [Fact]
    public void The_word_being_typed_is_replaced()
    {
        var (list, uri) = Items(Samples.Job + "\nagg|");
        var aggregate = Assert.Single(list.Items, i => i.Label == "aggregate");
        Assert.Equal("agg", _workspace.TextAt(uri, aggregate.TextEdit?.Range ?? throw new InvalidOperationException("no edit")));
    }

    [Theory]
    [InlineData("avg(ActivePower) where", "avg(`Activ|) where", "avg(ActivePower) where", "ActivePower")]
    [InlineData("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "`Reac| + ActivePower * 2", "ReactivePower + ActivePower * 2", "ReactivePower")]
    [InlineData("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "`Reac|tivePower + ActivePower * 2", "ReactivePower + ActivePower * 2", "ReactivePower")]
    [InlineData("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "`Reac|tive-Pöwer + ActivePower * 2", "ReactivePower + ActivePower * 2", "ReactivePower")]
    [InlineData("avg(ActivePower) where", "avg(`Activ|e.Pöwer) where", "avg(ActivePower) where", "ActivePower")]
    [InlineData("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "`Reac|tivePöwer\t", "ReactivePower\t", "ReactivePower")]
    public void A_name_completed_in_an_unclosed_backtick_leaves_the_rest_of_the_line(string anchor, string marked, string expected, string label) =>
        Assert.Equal(Replace(anchor, expected), Accept(Replace(anchor, marked), label));

    private const string QuotedModels = "model `My-Model` {\n  ai In kW\n  ai Out kW\n}\n\nmodel `where` {\n  ai In kW\n}\n\n";

    [Theory]
    [InlineData("aggregate | window tumbling 1m {\n}\n", "My-Model", "aggregate `My-Model` window tumbling 1m {\n}\n")]
    [InlineData("merge |", "My-Model", "merge `My-Model`")]
    [InlineData("energy |", "where", "energy `where`")]
    [InlineData("aggregate `My| window tumbling 1m {\n}\n", "My-Model", "aggregate `My-Model` window tumbling 1m {\n}\n")]
    [InlineData("aggregate `My|` window tumbling 1m {\n}\n", "My-Model", "aggregate `My-Model` window tumbling 1m {\n}\n")]
    [InlineData("aggregate `wh|", "where", "aggregate `where`")]
    [InlineData("merge `My-Model` every 1m {\n  Out = `My-Mo|dl::In\n}\n", "My-Model", "merge `My-Model` every 1m {\n  Out = `My-Model`::In\n}\n")]
    [InlineData("merge `My-Model` every 1m {\n  Out = |\n}\n", "My-Model", "merge `My-Model` every 1m {\n  Out = `My-Model`\n}\n")]
    public void A_model_name_that_needs_backticks_is_completed_in_backticks(string marked, string label, string expected) =>
        Assert.Equal(QuotedModels + expected, Accept(QuotedModels + marked, label));

    [Theory]
    [InlineData("aggregate `My|", "`My-Model`")]
    [InlineData("aggregate My|", "My-Model")]
    [InlineData("aggregate |", "My-Model")]
    public void A_name_that_needs_backticks_is_matched_as_the_word_being_typed_is_written(string text, string filter)
    {
        // The client filters by the text typed so far: with the backtick if the word starts with one.
        var (list, uri) = Items(QuotedModels + text);
        var item = Assert.Single(list.Items, i => i.Label == "My-Model");
        Assert.Equal(filter, item.FilterText);
        Assert.Equal("`My-Model`", item.TextEdit!.NewText);
    }

    [Theory]
    [InlineData("  timezone \"Europe/Ber| lateness 5m\n", "  timezone \"Europe/Berlin\" lateness 5m\n")]
    [InlineData("  timezone \"Europe/Ber|lin lateness 5m\n", "  timezone \"Europe/Berlin\" lateness 5m\n")]
    [InlineData("  timezone \"Eu|\n  lateness 5m\n", "  timezone \"Europe/Berlin\"\n  lateness 5m\n")]
    [InlineData("  timezone \"Eu|\"\n  lateness 5m\n", "  timezone \"Europe/Berlin\"\n  lateness 5m\n")]
    public void A_time_zone_completed_in_a_string_replaces_only_the_zone_and_closes_the_quote(string marked, string expected)
    {
        var settings = "  timezone \"Europe/Berlin\"\n  lateness 5m\n";
        Assert.Equal(Replace(settings, expected), Accept(Replace(settings, marked), "Europe/Berlin"));
    }

    [Fact]
    public void Inside_settings_the_setting_names_and_their_values_are_offered()
    {
        Assert.Contains("channel", Complete(Replace("  lateness 5m\n", "  lateness 5m\n  |\n")));
        Assert.Equal(["offline", "realtime"], Complete(Replace("  lateness 5m\n", "  lateness 5m\n  channel |\n")).Order());
        Assert.Contains("\"Europe/Berlin\"", Complete(Replace("  timezone \"Europe/Berlin\"", "  timezone |")));
    }

    [Theory]
    [InlineData("  lateness 5m |\n", new[] { "channel", "idle", "timezone" })]
    [InlineData("  lateness -5m |\n", new[] { "channel", "idle", "timezone" })]
    [InlineData("  timezone \"Europe/Berlin\" |\n", new[] { "channel", "idle", "lateness" })]
    [InlineData("  channel offline lateness 5m |\n", new[] { "idle", "timezone" })]
    public void After_a_complete_setting_the_settings_are_offered_on_its_line(string marked, string[] expected) =>
        Assert.Equal(expected, Complete("job demo\nsettings {\n" + marked + "}\n").Order());

    [Theory]
    [InlineData("settings {\n  lateness 5m\n  |\n}\n", new[] { "channel", "idle", "timezone" })]
    [InlineData("settings {\n  |\n  idle 5m\n}\n", new[] { "channel", "lateness", "timezone" })]
    [InlineData("settings {\n  lateness 5m\n}\nsettings {\n  |\n}\n", new[] { "channel", "idle", "timezone" })]
    [InlineData("settings {\n  late|ness 5m\n  idle 5m\n}\n", new[] { "channel", "lateness", "timezone" })]
    public void A_setting_the_file_already_has_is_not_offered_again(string settings, string[] expected) =>
        Assert.Equal(expected, Complete("job demo\n" + settings).Order());

    [Fact]
    public void A_setting_after_another_on_its_line_is_offered_its_values()
    {
        Assert.Equal(["offline", "realtime"], Complete(Replace("  lateness 5m\n", "  lateness 5m channel |\n")).Order());
        Assert.Contains("10m", Complete(Replace("  lateness 5m\n", "  lateness 5m idle |\n")));
        Assert.Contains("\"UTC\"", Complete(Replace("  lateness 5m\n", "  lateness 5m timezone |\n")));
    }

    [Fact]
    public void After_a_window_size_the_window_options_are_offered()
    {
        var labels = Complete(Replace("window tumbling 10m {", "window tumbling 10m | {"));
        Assert.Contains("offset", labels);
        Assert.Contains("lateness", labels);
        Assert.Contains("emit", labels);
        Assert.Equal(new[] { "early", "final", "ontime" }, Complete(Replace("window tumbling 10m {", "window tumbling 10m emit | {")).Order());
    }

    [Fact]
    public void In_an_energy_block_the_clauses_and_their_points_are_offered()
    {
        var clauses = Complete(Replace("  slope [0, RatedPower * 1.2]\n  daily DailyEnergy\n", "  daily DailyEnergy\n  |\n"));
        Assert.Contains("slope", clauses);
        Assert.Contains("rollover", clauses);
        Assert.Contains("DailyEnergy", Complete(Replace("  daily DailyEnergy", "  daily |")));
        Assert.Equal(new[] { "average_power", "instant_power", "meter" }, Complete(Replace("by meter {", "by | {")).Order());
    }

    [Theory]
    [InlineData("alarm {\n  on |\n}\n")]
    [InlineData("alarm {\n  on failed, |\n}\n")]
    [InlineData("alarm {\n  on checkpoint_| > 30m notify \"ops\"\n}\n")]
    public void In_an_alarm_condition_every_metric_is_offered(string alarm) =>
        Assert.Equal(
            ["checkpoint_age", "errors", "failed", "ignored", "input", "invalid", "lag", "late", "output", "skipped", "stopped"],
            Complete(Samples.Job + alarm).Order());

    [Fact]
    public void An_energy_block_is_offered_the_clauses_its_method_takes()
    {
        var meter = Complete(Replace("  slope [0, RatedPower * 1.2]\n", "  |\n"));
        Assert.Contains("rollover", meter);
        Assert.DoesNotContain("missing", meter);
        Assert.DoesNotContain("range", meter);

        var power = Complete(Replace("from TotalEnergy by meter {\n  slope [0, RatedPower * 1.2]\n", "from ActivePower by instant_power {\n  |\n"));
        Assert.Contains("missing", power);
        Assert.Contains("range", power);
        Assert.DoesNotContain("rollover", power);
        Assert.DoesNotContain("slope", power);
    }

    [Fact]
    public void An_energy_block_is_not_offered_a_clause_it_already_has()
    {
        var after = Complete(Replace("  daily DailyEnergy\n", "  daily DailyEnergy\n  |\n"));
        Assert.DoesNotContain("daily", after);
        Assert.DoesNotContain("slope", after);
        Assert.Contains("every", after);

        var before = Complete(Replace("  slope [0, RatedPower * 1.2]\n", "  slope [0, RatedPower * 1.2]\n  |\n"));
        Assert.DoesNotContain("daily", before);
        Assert.Contains("scale", before);
    }

    [Theory]
    [InlineData("slope [0, |]")]
    [InlineData("scale |")]
    public void An_energy_slope_or_scale_is_offered_attributes_but_no_points(string marked)
    {
        var labels = Complete(Replace("slope [0, RatedPower * 1.2]", marked));
        Assert.Contains("RatedPower", labels);
        Assert.DoesNotContain("TotalEnergy", labels);
        Assert.DoesNotContain("ActivePower", labels);
    }

    [Fact]
    public void An_energy_rollover_is_offered_nothing() =>
        Assert.Empty(Complete(Replace("slope [0, RatedPower * 1.2]", "rollover |")));

    private string[] CompleteAggregateOutput(string marked) =>
        Complete(Replace("avg(ActivePower) where ActivePower in [0, 3500)", marked));

    [Theory]
    [InlineData("avg(ActivePower) where |")]
    [InlineData("avg(ActivePower / RatedPower) where ActivePower > 0 && |")]
    public void A_where_condition_is_offered_only_the_aggregated_point(string marked)
    {
        var labels = CompleteAggregateOutput(marked);
        Assert.Contains("ActivePower", labels);
        Assert.Contains("RatedPower", labels);
        Assert.DoesNotContain("ReactivePower", labels);
        Assert.DoesNotContain("TotalEnergy", labels);
    }

    private string[] CompleteAggregateKeywords(string marked) =>
        CompleteKeywords(Replace("avg(ActivePower) where ActivePower in [0, 3500)", marked));

    [Fact]
    public void After_an_aggregate_call_where_is_offered_and_fill_only_for_a_count()
    {
        Assert.Equal(["where"], CompleteAggregateKeywords("avg(ActivePower) |"));
        Assert.Equal(["fill", "where"], CompleteAggregateKeywords("count(ActivePower) |").Order());
    }

    [Fact]
    public void After_a_where_condition_no_second_where_is_offered()
    {
        Assert.Equal(["else", "fill", "in", "then"], CompleteAggregateKeywords("count(ActivePower) where ActivePower > 0 |").Order());
        Assert.Equal(["else", "in", "then"], CompleteAggregateKeywords("avg(ActivePower) where ActivePower > 0 |").Order());
    }

    [Theory]
    [InlineData("avg(ActivePower) where ActivePower |", new[] { "else", "in", "then" })]
    [InlineData("count(ActivePower) where ActivePower |", new[] { "else", "fill", "in", "then" })]
    [InlineData("count(ActivePower) where ActivePower in [0, RatedPower |", new[] { "else", "in", "then" })]
    public void After_an_operand_of_a_where_condition_what_may_go_on_is_offered_as_in_a_merge(string marked, string[] expected)
    {
        Assert.Equal(expected, CompleteAggregateKeywords(marked).Order());
        Assert.Equal(["else", "in", "then"], CompleteKeywords(Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "ActivePower |")).Order());
    }

    // The points an output of the sample's aggregate may write: all but the attribute (WindTurbine
    // has no di point), those its outputs write already and ActivePower, which it reads.
    private static readonly string[] _writablePoints = ["ReactivePower", "TotalEnergy"];

    [Theory]
    [InlineData("avg(ActivePower) |")]
    [InlineData("count(ActivePower) |")]
    [InlineData("avg(ActivePower) where ActivePower > 0 |")]
    [InlineData("avg(ActivePower) where ActivePower in [0, 3500) |")]
    [InlineData("avg(ActivePower) where if ActivePower > 0 then true else false |")]
    [InlineData("count(ActivePower) fill 0 |")]
    [InlineData("count(ActivePower) fill 0 ApparentPower = max(ActivePower) |")]
    public void After_a_complete_aggregate_output_the_next_outputs_target_is_offered_on_its_line(string marked)
    {
        var labels = CompleteAggregateOutput(marked);
        Assert.Equal(_writablePoints, labels.Where(l => _writablePoints.Contains(l) || l is "RatedPower" or "ApparentPower" or "ActivePower").Order());
    }

    [Theory]
    [InlineData("avg(ActivePower) where ActivePower in [0, 35|")]
    [InlineData("avg(ActivePower) where if ActivePower > 0 then true |")]
    [InlineData("avg(ActivePower) where ActivePower > 0 ? true |")]
    [InlineData("count(ActivePower) fill |")]
    public void An_incomplete_aggregate_output_is_offered_no_next_target(string marked) =>
        Assert.DoesNotContain("TotalEnergy", CompleteAggregateOutput(marked));

    [Fact]
    public void Right_of_equals_of_a_second_output_on_a_line_the_aggregate_functions_are_offered()
    {
        var labels = CompleteAggregateOutput("avg(ActivePower) ApparentPower = |");
        Assert.Contains("avg", labels);
        Assert.DoesNotContain("ActivePower", labels);
    }

    [Theory]
    [InlineData("ActivePower * 2 |")]
    [InlineData("sqrt(ActivePower) |")]
    [InlineData("if ActivePower > 0 then 1 else 0 |")]
    [InlineData("ActivePower > 0 ? 1 : 0 |")]
    [InlineData("1 ActivePowerAvg10m = RatedPower |")]
    public void After_a_complete_merge_output_the_next_outputs_target_is_offered_on_its_line(string marked)
    {
        var labels = Complete(Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", marked));
        Assert.Contains("ReactivePower", labels);
        Assert.Contains("TotalEnergy", labels);
        Assert.Contains("then", labels);
        // Not the merge's trigger, which it may not write, nor an attribute or a function.
        Assert.DoesNotContain("ActivePower", labels);
        Assert.DoesNotContain("RatedPower", labels);
        Assert.DoesNotContain("sqrt", labels);
    }

    [Theory]
    [InlineData("sqrt(ActivePower |")]
    [InlineData("if ActivePower > 0 then 1 |")]
    [InlineData("ActivePower > 0 ? 1 |")]
    public void An_incomplete_merge_output_is_offered_no_next_target(string marked) =>
        Assert.DoesNotContain("TotalEnergy", Complete(Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", marked)));

    [Theory]
    [InlineData("ActivePower * 2 ReactivePower |")]
    [InlineData("sqrt(ActivePower) ReactivePower |")]
    [InlineData("1 `ReactivePower` |")]
    public void A_name_after_a_complete_merge_output_is_offered_nothing_before_its_equals(string marked) =>
        // The name is the next output's target, which only its `=` may follow (DSL1001).
        Assert.Empty(Complete(Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", marked)));

    [Theory]
    [InlineData("avg(ActivePower) where ActivePower > 0 ReactivePower |")]
    [InlineData("count(ActivePower) fill 0 ReactivePower |")]
    [InlineData("count(ActivePower)\n    where ActivePower > 0 ReactivePower |")]
    public void A_name_after_a_complete_aggregate_output_is_offered_nothing_before_its_equals(string marked) =>
        Assert.Empty(CompleteAggregateOutput(marked));

    [Fact]
    public void Right_of_equals_of_a_second_merge_output_on_a_line_an_expression_is_offered() =>
        Assert.Contains("prev", Complete(Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "1 ActivePowerAvg10m = |")));

    [Theory]
    [InlineData("count(ActivePower)\n    where ActivePower > 0 |", new[] { "else", "fill", "in", "then" })]
    [InlineData("count(ActivePower)\n    where ActivePower in [0, 3500) |", new[] { "else", "fill", "in", "then" })]
    [InlineData("avg(ActivePower)\n    where ActivePower > 0 |", new[] { "else", "in", "then" })]
    [InlineData("count(ActivePower) where ActivePower > 0\n    fill 0 |", new string[0])]
    [InlineData("count(ActivePower)\n    |", new[] { "fill", "where" })]
    [InlineData("avg(ActivePower) where ActivePower > 0\n    |", new[] { "else", "in", "then" })]
    public void An_output_continued_on_the_next_line_is_offered_what_may_follow_as_on_one_line(string marked, string[] expected)
    {
        Assert.Equal(expected, CompleteAggregateKeywords(marked).Order());
        Assert.Contains("ReactivePower", CompleteAggregateOutput(marked));
    }

    [Theory]
    [InlineData("count(ActivePower)\n    where |")]
    [InlineData("count(ActivePower) where\n    |")]
    public void A_where_condition_on_the_next_line_is_offered_the_aggregated_point(string marked)
    {
        var labels = CompleteAggregateOutput(marked);
        Assert.Contains("ActivePower", labels);
        Assert.Contains("RatedPower", labels);
        Assert.DoesNotContain("ReactivePower", labels);
    }

    [Fact]
    public void A_merge_expression_on_the_lines_after_an_operator_is_offered_an_expression() =>
        Assert.Contains("prev", Complete(Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "ActivePower *\n    |")));

    [Fact]
    public void An_empty_line_after_a_complete_merge_output_is_offered_the_next_target_only() =>
        Assert.Empty(CompleteKeywords(Replace("sqrt(ActivePower ^ 2 + ReactivePower ^ 2)", "ActivePower * 2\n  |")));

    [Fact]
    public void A_name_on_the_line_after_a_complete_output_starts_the_next_output() =>
        Assert.Empty(CompleteAggregateOutput("count(ActivePower)\n    where ActivePower > 0\n  ReactivePower |"));

    [Fact]
    public void A_fill_is_offered_nothing() =>
        Assert.Empty(CompleteAggregateOutput("count(ActivePower) fill |"));

    [Fact]
    public void A_merge_header_is_offered_hold_once()
    {
        const string header = "merge WindTurbine on ActivePower hold 10m";
        Assert.Equal(["hold"], Complete(Replace(header, "merge WindTurbine on ActivePower |")));
        Assert.Empty(Complete(Replace(header, header + " |")));
    }

    [Fact]
    public void An_aggregate_header_is_offered_each_option_once()
    {
        var afterLateness = Complete(Replace("window tumbling 10m", "window tumbling 10m lateness 5m |"));
        Assert.DoesNotContain("lateness", afterLateness);
        Assert.Contains("emit", afterLateness);

        var afterEmit = Complete(Replace("window tumbling 10m", "window tumbling 10m emit early every 1m |"));
        Assert.DoesNotContain("emit", afterEmit);
        Assert.Contains("stamp", afterEmit);
    }

    [Theory]
    [InlineData("window tumbling 10m emit final |", new[] { "lateness", "stamp" })]
    [InlineData("window tumbling 10m emit ontime |", new[] { "lateness", "stamp" })]
    [InlineData("window tumbling 10m stamp end |", new[] { "emit", "lateness" })]
    [InlineData("window session 30m stamp start |", new[] { "emit", "lateness" })]
    [InlineData("window tumbling 10m stamp start emit final |", new[] { "lateness" })]
    [InlineData("window hopping 1h step 15m emit final lateness 5m |", new[] { "stamp" })]
    public void After_any_complete_window_option_the_options_not_yet_given_are_offered(string marked, string[] expected) =>
        Assert.Equal(expected, Complete(Replace("window tumbling 10m", marked)).Order());

    [Theory]
    [InlineData("by instant_power {\n  split |\n", new[] { "daily", "every", "lateness", "missing", "range", "scale" })]
    [InlineData("by instant_power { split |\n", new[] { "daily", "every", "lateness", "missing", "range", "scale" })]
    [InlineData("by instant_power { missing last |\n", new[] { "daily", "every", "lateness", "range", "scale", "split" })]
    [InlineData("by instant_power {\n  range [0, 10] split |\n", new[] { "daily", "every", "lateness", "missing", "scale" })]
    [InlineData("by instant_power {\n  every 1h DailyEnergy lateness 5m |\n", new[] { "daily", "missing", "range", "scale", "split" })]
    [InlineData("by instant_power {\n  split missing last\n  |\n", new[] { "daily", "every", "lateness", "range", "scale" })]
    public void After_a_complete_energy_clause_the_clauses_that_may_follow_on_its_line_are_offered(string marked, string[] expected) =>
        Assert.Equal(expected, Complete(Replace("by meter {\n  slope [0, RatedPower * 1.2]\n  daily DailyEnergy\n", marked + "}\n")).Order());

    [Theory]
    [InlineData("by instant_power { split daily |\n")]
    [InlineData("by instant_power {\n  missing last every 1h |\n")]
    public void A_clause_begun_after_another_on_its_line_is_completed_as_on_a_line_of_its_own(string marked) =>
        Assert.Contains("DailyEnergy", Complete(Replace("by meter {\n  slope [0, RatedPower * 1.2]\n  daily DailyEnergy\n", marked + "}\n")));

    [Theory]
    [InlineData("  on failed |", "notify")]
    [InlineData("  on lag > 5m |", "notify")]
    [InlineData("  on errors > 100 |", "per")]
    [InlineData("  on errors > 100 per 10m |", "notify")]
    [InlineData("  on stopped, checkpoint_age > 30m |", "notify")]
    public void After_an_alarm_condition_what_its_metric_takes_next_is_offered(string condition, string expected) =>
        Assert.Equal([expected], Complete(Samples.Job + "alarm {\n" + condition + "\n}\n"));

    [Theory]
    [InlineData("  on failed notify \"ops\" |", new[] { "on" })]
    [InlineData("  on failed notify \"ops\", \"oncall\" |", new[] { "on" })]
    [InlineData("  on failed notify \"ops\" on lag > 5m |", new[] { "notify" })]
    [InlineData("  on failed notify \"ops\" on errors > 10 |", new[] { "per" })]
    public void After_a_complete_alarm_rule_the_next_is_offered_on_its_line(string rule, string[] expected) =>
        Assert.Equal(expected, Complete(Samples.Job + "alarm {\n" + rule + "\n}\n"));

    [Fact]
    public void An_alarm_rule_begun_after_another_on_its_line_is_offered_every_metric() =>
        Assert.Contains("checkpoint_age", Complete(Samples.Job + "alarm {\n  on failed notify \"ops\" on |\n}\n"));

    [Theory]
    [InlineData("  on errors |")]
    [InlineData("  on errors > |")]
    [InlineData("  on failed notify |")]
    public void Where_an_alarm_condition_needs_a_comparison_a_number_or_a_channel_nothing_is_offered(string condition) =>
        Assert.Empty(Complete(Samples.Job + "alarm {\n" + condition + "\n}\n"));
}
