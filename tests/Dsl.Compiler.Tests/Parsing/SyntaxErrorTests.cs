using System.Text;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Tests.Parsing;

public sealed class SyntaxErrorTests
{
    [Fact]
    public void Three_independent_errors_are_reported_with_their_lines_columns_and_codes()
    {
        var tree = SyntaxTree.Parse("""
            job demo
            model M {
              ai Power kW range [0, 100
              ai Out kW
            }
            merge M on Power {
              Out = Power * $ 2
            }
            aggregate M window tumbling 10m {
              Avg10m avg(Power)
            }
            """, "demo.stream");
        Assert.Equal(
        [
            "demo.stream(3,28): error DSL1009: Expected ')' or ']' after '100'.",
            "demo.stream(7,17): error DSL1002: The character '$' is not valid here.",
            "demo.stream(10,10): error DSL1009: Expected '=' after the output name \"Avg10m\".",
        ], tree.Diagnostics.Select(d => d.ToString()));
        SyntaxAssert.Invariants(tree);

        // Recovery kept the rest of each block.
        Assert.Equal(["Power", "Out"], SyntaxAssert.Single<ModelDeclarationSyntax>(tree).Members.Select(m => m.Name.Text));
        var output = SyntaxAssert.Single<AggregateOutputSyntax>(tree);
        Assert.Equal(("Avg10m", "avg"), (output.Target.Text, output.Function.Text));
    }

    [Theory]
    [InlineData("aggregate M window tumbling 10m {\n  A = avg(P) [|wher|] P > 0\n  B = max(P)\n}", "error DSL1001: Unexpected 'wher'; expected 'where', 'fill', an operator or the end of the output's line (an output per line). Did you mean \"where\"?")]
    [InlineData("aggregate M window tumbling 10m {\n  A = avg(P) where P > 0 [|and|] Q > 0\n  B = max(P)\n}", "error DSL1001: Unexpected 'and'; expected 'where', 'fill', an operator or the end of the output's line (an output per line). Did you mean \"&&\"?")]
    [InlineData("merge M on P {\n  A = P [|or|] Q\n  B = P\n}", "error DSL1001: Unexpected 'or'; expected an operator or the end of the output's line (an output per line). Did you mean \"||\"?")]
    public void A_word_after_an_output_on_its_line_is_one_error_and_the_next_output_still_parses(string rule, string message)
    {
        // The whole compilation: no unknown point or function follows from the misplaced word.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai Q kW ai A kW ai B kW }\n" + rule, message);
    }

    [Theory]
    [InlineData("A = count(P) fill 0 [|fill|] 1", "error DSL1001: Unexpected 'fill'; expected an output ('Name = function(Point)') or '}'. An output has one 'fill'.")]
    [InlineData("A = count(P) fill 0 [|where|] P > 0", "error DSL1001: Unexpected 'where'; expected an output ('Name = function(Point)') or '}'. An output's 'where' comes before its 'fill'.")]
    [InlineData("A = count(P) where P > 0 fill 0 [|where|] P < 5", "error DSL1001: Unexpected 'where'; expected an output ('Name = function(Point)') or '}'. An output has one 'where': join the conditions with '&&'.")]
    [InlineData("A = count(P) where P > 0 [|where|] P < 5", "error DSL1001: Unexpected 'where'; expected an output ('Name = function(Point)') or '}'. An output has one 'where': join the conditions with '&&'.")]
    public void A_second_fill_or_where_after_an_output_says_an_output_has_one(string output, string message)
    {
        Binding.DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai A kW ai B kW }\naggregate M window tumbling 10m {\n  " + output + "\n  B = max(P)\n}", message);
    }

    [Theory]
    [InlineData("attribute Rated: double [|3000|] kW", "error DSL1001: Unexpected '3000'; expected a point or attribute declaration, or '}'. An attribute's default value follows '=': \"attribute Rated: double = 3000\".")]
    [InlineData("attribute Rated [|3000|]", "error DSL1001: Unexpected '3000'; expected a point or attribute declaration, or '}'. An attribute's default value follows '=': \"attribute Rated = 3000\".")]
    [InlineData("attribute Rated: double \"kW\" [|3000|]", "error DSL1001: Unexpected '3000'; expected a point or attribute declaration, or '}'. An attribute's default value follows '=': \"attribute Rated: double = 3000 \"kW\"\".")]
    [InlineData("attribute On: bool [|true|]", "error DSL1001: Unexpected 'true'; expected a point or attribute declaration, or '}'. An attribute's default value follows '=': \"attribute On: bool = true\".")]
    [InlineData("attribute Rated: double kW [|3000|]", "error DSL1001: Unexpected '3000'; expected a point or attribute declaration, or '}'. An attribute's default value follows '=': \"attribute Rated: double = 3000 kW\".")]
    [InlineData("attribute Rated kW [|3000|]", "error DSL1001: Unexpected '3000'; expected a point or attribute declaration, or '}'. An attribute's default value follows '=': \"attribute Rated = 3000 kW\".")]
    [InlineData("attribute Rated: double kW [|-|]3000", "error DSL1001: Unexpected '-'; expected a point or attribute declaration, or '}'. An attribute's default value follows '=': \"attribute Rated: double = -3000 kW\".")]
    [InlineData("attribute Rated: double [|-|]3000", "error DSL1001: Unexpected '-'; expected a point or attribute declaration, or '}'. An attribute's default value follows '=': \"attribute Rated: double = -3000\".")]
    [InlineData("attribute Rated: double kW\n  [|3000|]", "error DSL1001: Unexpected '3000'; expected a point or attribute declaration, or '}'.")]
    public void A_default_value_without_its_equals_sign_says_the_equals_sign_is_missing(string attribute, string message)
    {
        // On the attribute's line only: a number alone on the next line is no default value.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M {\n  " + attribute + "\n  ai P kW\n  ai A kW\n}\naggregate M window tumbling 10m { A = avg(P) }", message);
    }

    [Theory]
    [InlineData("attribute Rated: double kW [|=|] 3000", "error DSL1001: Unexpected '='; expected a point or attribute declaration, or '}'. An attribute's unit follows its default value: \"attribute Rated: double = 3000 kW\".")]
    [InlineData("attribute Rated: double \"kW\" [|=|] 3000", "error DSL1001: Unexpected '='; expected a point or attribute declaration, or '}'. An attribute's unit follows its default value: \"attribute Rated: double = 3000 \"kW\"\".")]
    [InlineData("attribute Rated kW [|=|] 2 * 1500", "error DSL1001: Unexpected '='; expected a point or attribute declaration, or '}'. An attribute's unit follows its default value: \"attribute Rated = … kW\".")]
    public void A_default_value_after_the_unit_says_the_unit_follows_it(string attribute, string message)
    {
        // The next member is read as usual: only the attribute's line is reported.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M {\n  " + attribute + "\n  ai P kW\n  ai A kW\n}\naggregate M window tumbling 10m { A = avg(P) }", message);
    }

    [Theory]
    [InlineData("aggregate M window tumbling 10m {\n  A = avg(P) where P [|=|] 0\n  B = max(P)\n}", "error DSL1001: Unexpected '='; expected 'where', 'fill', an operator or the end of the output's line (an output per line). Did you mean \"==\"?")]
    [InlineData("aggregate M window tumbling 10m {\n  A = avg(S) where S [|=|] 0\n  B = max(P)\n}", "error DSL1001: Unexpected '='; expected 'where', 'fill', an operator or the end of the output's line (an output per line). Did you mean \"==\"?")]
    [InlineData("merge M on P {\n  A = Q [|=|] 0 ? 1 : 2\n  B = P\n}", "error DSL1001: Unexpected '='; expected an operator or the end of the output's line (an output per line). Did you mean \"==\"?")]
    [InlineData("merge M on P {\n  F = Q [|=|] 0\n  B = P\n}", "error DSL1001: Unexpected '='; expected an operator or the end of the output's line (an output per line). Did you mean \"==\"?")]
    [InlineData("aggregate M window tumbling 10m {\n  A = avg(P) [|=|] 0\n  B = max(P)\n}", "error DSL1001: Unexpected '='; expected 'where', 'fill', an operator or the end of the output's line (an output per line).")]
    public void A_single_equals_after_an_output_is_one_error_and_says_what_was_meant(string rule, string message)
    {
        // The condition or value before the '=' is only the start of what was meant: its type
        // (not bool, not the target's) is not reported as well.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai Q kW di S: int ai A kW ai B kW generic F: bool }\n" + rule, message);
    }

    [Fact]
    public void Unexpected_token_is_named_with_what_was_expected()
    {
        SyntaxAssert.Reports("merge M on P { X = [|}|]", "error DSL1001: Unexpected '}'; expected an expression.");
    }

    /// <summary>A keyword spelt right in the wrong place is not taken for a misspelling of another.</summary>
    [Fact]
    public void Inf_as_a_value_says_where_inf_belongs_rather_than_suggesting_if()
    {
        SyntaxAssert.Reports(
            "merge M on P { X = [|inf|] }",
            "error DSL1001: Unexpected 'inf'; expected an expression. 'inf' is only an interval bound, as in range [0, inf); a value cannot be infinite.");
    }

    [Theory]
    [InlineData("[|agregate|] M window tumbling 10m { A = avg(P) }", "error DSL1001: Unexpected 'agregate'; expected a declaration (job, import, settings, model, aggregate, merge, energy, alarm or schedule). Did you mean \"aggregate\"?")]
    [InlineData("merge M on P [|hodl|] 5m { A = P }", "error DSL1001: Unexpected 'hodl'; expected the option 'hold' or '{'. Did you mean \"hold\"?")]
    [InlineData("energy M from P by meter { [|daly|] A }", "error DSL1001: Unexpected 'daly'; expected an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'. Did you mean \"daily\"?")]
    [InlineData("[|frobnicate|] M window tumbling 10m { A = avg(P) }", "error DSL1001: Unexpected 'frobnicate'; expected a declaration (job, import, settings, model, aggregate, merge, energy, alarm or schedule).")]
    public void A_misspelt_keyword_gets_a_did_you_mean(string source, string message)
    {
        SyntaxAssert.Reports(source, message);
    }

    /// <summary>Words other stream languages use for a construct this one writes its own way get how it is written here.</summary>
    [Theory]
    [InlineData("aggregate M window [|sliding|] 10m every 5m { A = avg(P) }", "error DSL1001: Unexpected 'sliding'; expected a window ('tumbling', 'hopping' or 'session'). A sliding window is written hopping SIZE step STEP: hopping 10m step 5m.")]
    [InlineData("aggregate M window [|rolling|] 1h { A = avg(P) }", "error DSL1001: Unexpected 'rolling'; expected a window ('tumbling', 'hopping' or 'session'). A rolling window is written hopping SIZE step STEP, as in hopping 10m step 5m.")]
    [InlineData("energy M from P by meter {\n  daily D\n  [|monthly|] Month\n}", "error DSL1001: Unexpected 'monthly'; expected an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'. A monthly total is written every 1mo Month.")]
    [InlineData("energy M from P by meter {\n  daily D\n  [|hourly|]\n}", "error DSL1001: Unexpected 'hourly'; expected an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'. An hourly total is written every 1h TARGET.")]
    [InlineData("merge M on P {\n  Out = P * 2 [|where|] P > 0\n}", "error DSL1001: Unexpected 'where'; expected an output ('Name = expression') or '}'. A merge output has no 'where': only an aggregate's outputs filter the records they take, and a merge writes its output at each evaluation.")]
    [InlineData("merge M on P {\n  Out = P [|fill|] 0\n}", "error DSL1001: Unexpected 'fill'; expected an output ('Name = expression') or '}'. A merge output has no 'fill': coalesce(P, 0) gives 0 for a missing P.")]
    [InlineData("aggregate M window [|fixed|] 10m { A = avg(P) }", "error DSL1001: Unexpected 'fixed'; expected a window ('tumbling', 'hopping' or 'session'). A fixed window is written tumbling SIZE, as in tumbling 10m.")]
    [InlineData("aggregate M window session [|gap|] 30m { A = avg(P) }", "error DSL1001: Unexpected 'gap'; expected a duration (such as 10m). A session window is written session GAP, with no word before it: session 30m.")]
    [InlineData("aggregate M window tumbling [|size|] 10m { A = avg(P) }", "error DSL1001: Unexpected 'size'; expected a duration (such as 10m). A tumbling window is written tumbling SIZE, with no word before it: tumbling 10m.")]
    [InlineData("aggregate M window hopping 1h [|every|] 15m { A = avg(P) }", "error DSL1001: Unexpected 'every'; expected 'step'. The step of a hopping window is written with 'step': hopping 1h step 15m.")]
    [InlineData("aggregate M window hopping 1h [|by|] 15m { A = avg(P) }", "error DSL1001: Unexpected 'by'; expected 'step'. The step of a hopping window is written with 'step': hopping 1h step 15m.")]
    [InlineData("aggregate M window hopping 1h [|advance|] 15m { A = avg(P) }", "error DSL1001: Unexpected 'advance'; expected 'step'. The step of a hopping window is written with 'step': hopping 1h step 15m.")]
    [InlineData("aggregate M window tumbling 10m [|step|] 5m { A = avg(P) }", "error DSL1001: Unexpected 'step'; expected an option (lateness, emit or stamp) or '{'. A tumbling window has no step: a window with one is written hopping 10m step 5m.")]
    [InlineData("merge M on P[|,|] Q { A = P }", "error DSL1001: Unexpected ','; expected the option 'hold' or '{'. A merge is evaluated on the records of one point (on P) or on a grid (every 1m), not on several points.")]
    [InlineData("merge M on P [|or|] Q { A = P }", "error DSL1001: Unexpected 'or'; expected the option 'hold' or '{'. A merge is evaluated on the records of one point (on P) or on a grid (every 1m), not on several points.")]
    [InlineData("merge M on P hold 10m [|every|] 1m { A = P }", "error DSL1001: Unexpected 'every'; expected the option 'hold' or '{'. A merge has one trigger: on P or every D, not both.")]
    [InlineData("merge M every 1m [|on|] P { A = P }", "error DSL1001: Unexpected 'on'; expected the option 'hold' or '{'. A merge has one trigger: on P or every D, not both.")]
    [InlineData("merge M [|when|] P { A = P }", "error DSL1001: Unexpected 'when'; expected a trigger ('on' and a point, or 'every' and a duration). A merge's trigger is written on P (or every D, for a grid).")]
    [InlineData("energy M from P by meter {\n  daily[|:|] D\n}", "error DSL1001: Unexpected ':'; expected an output name. An energy output is written daily D, with no colon.")]
    [InlineData("energy M from P by meter {\n  every 15m[|:|] Q\n}", "error DSL1001: Unexpected ':'; expected an output name. An energy output is written every 15m Q, with no colon.")]
    [InlineData("energy M from P by meter {\n  [|D|] = daily\n}", "error DSL1001: Unexpected 'D'; expected an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'. An energy output is written with its period first: daily D.")]
    [InlineData("energy M from P by meter {\n  daily D\n  [|Q|] = every 15m\n}", "error DSL1001: Unexpected 'Q'; expected an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'. An energy output is written with its period first: every 15m Q.")]
    // Not a name before the gap: the gap is what is missing.
    [InlineData("aggregate M window session[||] max 8h { A = avg(P) }", "error DSL1009: Expected a duration (such as 10m) after 'session'.")]
    public void A_word_of_another_stream_language_is_told_how_it_is_written_here(string source, string message)
    {
        SyntaxAssert.Reports(source, message);
    }

    [Fact]
    public void Missing_equals_names_the_output()
    {
        SyntaxAssert.Reports("""
            aggregate M window tumbling 10m {
              Avg10m [|avg|](Power)
            }
            """,
            """error DSL1009: Expected '=' after the output name "Avg10m".""");
    }

    [Fact]
    public void Missing_closing_brace_is_one_error()
    {
        var tree = SyntaxAssert.Reports("""
            model M {
              ai Power kW
              ai Out kW[||]
            """,
            "error DSL1010: Expected '}' to close the '{' on line 1.");
        Assert.Equal(2, SyntaxAssert.Single<ModelDeclarationSyntax>(tree).Members.Length);
    }

    [Fact]
    public void Missing_closing_brace_before_the_next_declaration_is_one_error_and_both_declarations_parse()
    {
        var tree = SyntaxAssert.Reports("""
            model M {
              ai Power kW[||]

            merge M on Power {
              Out = Power * 2
            }
            """,
            "error DSL1010: Expected '}' to close the '{' on line 1.");
        Assert.Collection(tree.Root.Declarations, d => Assert.IsType<ModelDeclarationSyntax>(d), d => Assert.IsType<MergeRuleSyntax>(d));
    }

    [Fact]
    public void Missing_value_at_the_end_of_a_line_is_reported_there_and_the_next_output_survives()
    {
        var tree = SyntaxAssert.Reports("""
            merge M on P {
              Ratio =[||]
              Other = P * 2
            }
            """,
            "error DSL1009: Expected an expression after '='.");
        var outputs = SyntaxAssert.Single<MergeRuleSyntax>(tree).Outputs;
        Assert.IsType<MissingExpressionSyntax>(outputs[0].Value);
        Assert.Equal("(* P 2)", ExpressionPrinter.Print(outputs[1].Value));
    }

    [Fact]
    public void Dangling_operator_or_comma_at_the_end_of_a_line_does_not_take_the_next_output()
    {
        var tree = SyntaxAssert.Reports("""
            merge M on P {
              Total = P +[||]
              Other = f(P,[||]
              Last  = P * 2
            }
            """,
            """
            error DSL1009: Expected an expression after '+'.
            error DSL1009: Expected an expression after ','.
            """);
        Assert.Equal(["Total", "Other", "Last"], SyntaxAssert.Single<MergeRuleSyntax>(tree).Outputs.Select(o => o.Target.Text));
    }

    [Fact]
    public void Missing_parts_become_missing_nodes_so_later_stages_stay_quiet()
    {
        var tree = SyntaxAssert.Reports("""
            merge M on [|{|]
              X = 1 +[||]
            }
            """,
            """
            error DSL1009: Expected a point name after 'on'.
            error DSL1009: Expected an expression after '+'.
            """);
        var rule = SyntaxAssert.Single<MergeRuleSyntax>(tree);
        Assert.True(Assert.IsType<OnPointTriggerSyntax>(rule.Trigger).Point.Point.IsMissing);
        var sum = Assert.IsType<BinaryExpressionSyntax>(Assert.Single(rule.Outputs).Value);
        Assert.IsType<MissingExpressionSyntax>(sum.Right);
    }

    [Fact]
    public void Junk_between_members_is_one_error_per_line()
    {
        var tree = SyntaxAssert.Reports("""
            model M {
              ai A kW [|)|] ) )
              ai B kW
              [|=|] 5
              ai C kW
            }
            """,
            """
            error DSL1001: Unexpected ')'; expected a point or attribute declaration, or '}'.
            error DSL1001: Unexpected '='; expected a unit, a range or the end of the point's line. A point has no default value: in a rule, coalesce(B, 5) gives 5 for a missing B.
            """);
        Assert.Equal(["A", "B", "C"], SyntaxAssert.Single<ModelDeclarationSyntax>(tree).Members.Select(m => m.Name.Text));
    }

    /// <summary>A default after a point, as after an attribute: one error at the '=', and the point is declared, so rules that read it get no error of their own.</summary>
    [Theory]
    [InlineData("  ai Power: double [|=|] 0 kW\n", "0")]
    [InlineData("  ai Power kW [|=|] 5.5\n", "5.5")]
    [InlineData("  ai Power [|=|] -1 range [-1, 10]\n", "-1")]
    [InlineData("  ai Power: double [|=|] 2 * 3\n", "0")]
    public void A_default_after_a_point_is_one_error_and_the_point_is_declared(string member, string value)
    {
        Binding.DiagnosticAssert.Reports("job demo\nmodel M {\n  ai X kW\n" + member + "  ai Out kW\n}\nmerge M on X {\n  Out = coalesce(Power, 0)\n}\n",
            $"error DSL1001: Unexpected '='; expected a unit, a range or the end of the point's line. A point has no default value: in a rule, coalesce(Power, {value}) gives {value} for a missing Power.");
    }

    /// <summary>
    /// Declaration keywords written in another case, as languages whose keywords ignore case allow:
    /// each is one error, and is read as the keyword, so the declarations after the first keep
    /// their errors and the model its points (no "model M is not declared").
    /// </summary>
    [Fact]
    public void Declaration_keywords_in_another_case_are_each_one_error_and_read_as_the_keyword()
    {
        const string Hint = "expected a declaration (job, import, settings, model, aggregate, merge, energy, alarm or schedule). Keywords are written in lower case: did you mean";
        Binding.DiagnosticAssert.Reports("""
            [|Job|] demo
            [|Model|] M {
              ai P kW
              ai Out kW
            }
            [|MERGE|] M on P {
              Out = [|Pw|]
            }
            """, $"""
            error DSL1001: Unexpected 'Job'; {Hint} "job"?
            error DSL1001: Unexpected 'Model'; {Hint} "model"?
            error DSL1001: Unexpected 'MERGE'; {Hint} "merge"?
            error DSL2003: The point "Pw" is not declared in model "M". Did you mean "P"?
            """);
    }

    /// <summary>A rule header whose keyword is in another case keeps one error per part, as any header does.</summary>
    [Fact]
    public void A_rule_header_whose_keyword_is_in_another_case_keeps_its_parts_errors()
    {
        SyntaxAssert.Reports("[|Aggregate|] M window tumbling [|10|] min lateness [|5|] minutes { A = avg(P) }", """
            error DSL1001: Unexpected 'Aggregate'; expected a declaration (job, import, settings, model, aggregate, merge, energy, alarm or schedule). Keywords are written in lower case: did you mean "aggregate"?
            error DSL1001: Unexpected '10'; expected a duration (such as 10m). A duration is written with a short unit and no space: 10m.
            error DSL1001: Unexpected '5'; expected a duration (such as 10m). A duration is written with a short unit and no space: 5m.
            """);
    }

    /// <summary>Only at the start of a line, before what a declaration goes on with: an output named Energy stays one.</summary>
    [Fact]
    public void A_name_spelt_like_a_keyword_that_starts_no_declaration_stays_a_name()
    {
        Binding.DiagnosticAssert.Reports("""
            job demo
            model M {
              ai P kW
              ai Energy kW
            }
            merge M on P {
              Energy = P
            }
            """, "");
    }

    [Fact]
    public void Members_sharing_a_line_survive_an_error_in_the_one_before()
    {
        var tree = SyntaxAssert.Reports(
            "model M { ai A kW [|#|] ai B kW attribute C = 1 }\nmodel N {[|\u00A0|]ai D kW pi E kWh }",
            """
            error DSL1002: The character '#' is not valid here.
            error DSL1002: The character U+00A0 is not valid here.
            """);
        var models = tree.Root.Declarations.OfType<ModelDeclarationSyntax>().ToArray();
        Assert.Equal(["A", "B", "C"], models[0].Members.Select(m => m.Name.Text));
        Assert.Equal(["D", "E"], models[1].Members.Select(m => m.Name.Text));
    }

    [Fact]
    public void A_letter_outside_ascii_in_a_name_says_how_to_write_the_name()
    {
        var tree = SyntaxAssert.Reports("model M { ai Gr[|ö|]ße kW ai R kW }", """
            error DSL1002: The character 'ö' is not valid here. Names are ASCII letters, digits and '_'; write this one between backticks: `Größe`.
            """);
        Assert.Contains("R", SyntaxAssert.Single<ModelDeclarationSyntax>(tree).Members.Select(m => m.Name.Text));
    }

    [Fact]
    public void A_unit_with_characters_a_name_cannot_have_is_told_to_be_written_as_a_string()
    {
        // Units as they appear on data sheets: the language takes them, but in quotes.
        var tree = SyntaxAssert.Reports("""
            model W {
              ai Temp [|°|]C
              ai Flow m3[|/|]h
              ai Load [|%|]
              ai Speed: double m[|/|]s range [0, 60]
              attribute Price: double = 0.3 EUR[|/|]kWh
              ai Ok kW
            }
            """,
            """
            error DSL1002: The character '°' is not valid here. A unit with characters other than letters, digits and '_' is written as a string: "°C".
            error DSL1001: Unexpected '/'; expected a point or attribute declaration, or '}'. A unit with characters other than letters, digits and '_' is written as a string: "m3/h".
            error DSL1001: Unexpected '%'; expected a point or attribute declaration, or '}'. A unit with characters other than letters, digits and '_' is written as a string: "%".
            error DSL1001: Unexpected '/'; expected a point or attribute declaration, or '}'. A unit with characters other than letters, digits and '_' is written as a string: "m/s".
            error DSL1001: Unexpected '/'; expected an attribute name, 'attribute', a string or '}'. A unit with characters other than letters, digits and '_' is written as a string: "EUR/kWh".
            """);
        Assert.Contains("Ok", SyntaxAssert.Single<ModelDeclarationSyntax>(tree).Members.Select(m => m.Name.Text));
    }

    [Fact]
    public void A_character_that_is_not_in_a_unit_gets_no_unit_hint()
    {
        // In the name, or in a rule: only the word after a member's name is its unit.
        SyntaxAssert.Reports("""
            model W {
              ai Temp[|°|] kW
            }
            merge W on Temp { X = Temp [|°|] 2 }
            """,
            """
            error DSL1002: The character '°' is not valid here.
            error DSL1002: The character '°' is not valid here.
            """);
    }

    [Fact]
    public void Junk_between_declarations_is_skipped_to_the_next_declaration()
    {
        var tree = SyntaxAssert.Reports("""
            [|stray|] words here
            and on the next line
            model M { ai P kW }
            """,
            "error DSL1001: Unexpected 'stray'; expected a declaration (job, import, settings, model, aggregate, merge, energy, alarm or schedule).");
        Assert.IsType<ModelDeclarationSyntax>(Assert.Single(tree.Root.Declarations));
    }

    [Fact]
    public void Error_in_a_rule_header_still_parses_the_body()
    {
        var tree = SyntaxAssert.Reports("""
            aggregate M window [|sliding|] 10m lateness 5m {
              Avg = avg(P)
            }
            """,
            "error DSL1001: Unexpected 'sliding'; expected a window ('tumbling', 'hopping' or 'session'). A sliding window is written hopping SIZE step STEP, as in hopping 10m step 5m.");
        Assert.Equal("Avg", Assert.Single(SyntaxAssert.Single<AggregateRuleSyntax>(tree).Outputs).Target.Text);
    }

    [Fact]
    public void Errors_in_expressions_say_what_was_found()
    {
        SyntaxAssert.Reports("""
            merge M on P {
              A = P + [|*|] 2
              B = f(P [|Q|])
              C = (P + 1[||]
              D = if P then 1[||]
              E = P ? 1[||]
              F = P in [0, 1[||]
            }
            """,
            """
            error DSL1001: Unexpected '*'; expected an expression.
            error DSL1001: Unexpected 'Q'; expected ')'.
            error DSL1009: Expected ')' after '1'.
            error DSL1009: Expected 'else' after '1'.
            error DSL1009: Expected ':' after '1'.
            error DSL1009: Expected ')' or ']' after '1'.
            """);
    }

    [Fact]
    public void Errors_in_energy_and_alarm_blocks_name_the_clause()
    {
        SyntaxAssert.Reports("""
            energy M from P by meter {
              [|slop|] [0, 1]
              scale[||]
              daily DailyEnergy
            }
            alarm {
              on errors > [|notify|] "ops"
            }
            """,
            """
            error DSL1001: Unexpected 'slop'; expected an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'. Did you mean "slope"?
            error DSL1009: Expected an expression after 'scale'.
            error DSL1001: Unexpected 'notify'; expected a number or a duration.
            """);
    }

    [Fact]
    public void Setting_without_a_value_is_reported_at_its_name()
    {
        SyntaxAssert.Reports("""
            settings {
              channel[||]
              timezone "UTC"
            }
            """,
            """error DSL1009: Expected a value (a name, a string, a number or a duration) after the setting name "channel".""");
    }

    [Fact]
    public void Type_missing_at_the_end_of_a_line_does_not_take_the_next_member()
    {
        var tree = SyntaxAssert.Reports("""
            model M {
              ai A:[||]
              di B: int
            }
            """,
            "error DSL1009: Expected a type (double, int, long, bool or string) after ':'.");
        Assert.Equal(["A", "B"], SyntaxAssert.Single<ModelDeclarationSyntax>(tree).Members.Select(m => m.Name.Text));
    }

    /// <summary>Line breaks separate tokens (language guide, section 2): a type name on the line after the colon is the type, with its unit.</summary>
    [Fact]
    public void A_type_on_the_line_after_its_colon_is_the_type()
    {
        var tree = SyntaxAssert.Clean("""
            model M {
              ai A:
                double kW
              di B: int
            }
            """);
        var points = SyntaxAssert.Single<ModelDeclarationSyntax>(tree).Members.Cast<PointDeclarationSyntax>().ToArray();
        Assert.Equal([("A", "double", "kW"), ("B", "int", null)], points.Select(p => (p.Name.Text, p.Type?.Name.Text, p.Unit?.Text)));
    }

    [Fact]
    public void Schedule_joining_words_are_checked()
    {
        SyntaxAssert.Reports("""
            schedule daily [|02:00|]
            schedule on [|"in/*.jsonl"|]
            """,
            """
            error DSL1009: Expected 'at' after 'daily'.
            error DSL1009: Expected 'file' after 'on'.
            """);
    }

    [Fact]
    public void Lexical_errors_have_their_own_codes()
    {
        SyntaxAssert.Reports("""
            merge M on P {
              A = P [|#|] 2
              B = [|"open|]
              C = "bad [|\q|] escape"
              D = [|1..5|]
              E = P + [|5min|]
              F = [|``|] + 1
              G = [|`open|]
              H = [|1e999|]
            }
            """,
            """
            error DSL1002: The character '#' is not valid here.
            error DSL1003: The string is not closed; add a '"' before the end of the line.
            error DSL1005: The escape sequence '\q' is not valid; use \", \\, \n, \t, or \u and four hexadecimal digits (\u00e9).
            error DSL1006: The number '1..5' is not valid. A range of values is an interval: write [1, 5] (or [1, 5) to leave 5 out).
            error DSL1006: The number '5min' is not valid.
            error DSL1011: A quoted name cannot be empty; write the name between the backticks.
            error DSL1012: The quoted name is not closed; add a '`' before the end of the line.
            error DSL1006: The number '1e999' is not valid. It is beyond the largest number, about 1.8e308.
            """);
    }

    [Fact]
    public void A_hexadecimal_number_is_reported_with_its_decimal_value()
    {
        SyntaxAssert.Reports("""
            merge M on P {
              A = P + [|0x10|]
              B = P + [|0XFFFFFFFFFFFFFFFFF|]
              C = P + [|0x1G|]
            }
            """,
            """
            error DSL1006: The number '0x10' is not valid. Numbers are written in decimal, not hexadecimal: write 16.
            error DSL1006: The number '0XFFFFFFFFFFFFFFFFF' is not valid. Numbers are written in decimal, not hexadecimal.
            error DSL1006: The number '0x1G' is not valid.
            """);
    }

    [Fact]
    public void A_range_written_with_two_dots_is_told_the_interval()
    {
        SyntaxAssert.Reports("""
            model M {
              ai P kW range -[|100..3600|]
              ai Q kW range [|0..1.5|]
            }
            merge M on P {
              A = P + [|1..2..3|]
            }
            """,
            """
            error DSL1006: The number '100..3600' is not valid. A range of values is an interval: write [-100, 3600] (or [-100, 3600) to leave 3600 out).
            error DSL1006: The number '0..1.5' is not valid. A range of values is an interval: write [0, 1.5] (or [0, 1.5) to leave 1.5 out).
            error DSL1006: The number '1..2..3' is not valid.
            """);
    }

    /// <summary>
    /// The interval proposed must not be empty (DSL3043): bounds written high to low are given
    /// low to high, and one value is one closed interval, with no half-open one that holds nothing.
    /// </summary>
    [Fact]
    public void A_range_written_with_two_dots_is_told_an_interval_that_is_not_empty()
    {
        SyntaxAssert.Reports("""
            model M {
              ai P kW range [|100..0|]
              ai Q kW range -[|5..|]-1
              ai R kW range [|5..5|]
            }
            """,
            """
            error DSL1006: The number '100..0' is not valid. A range of values is an interval: write [0, 100] (or [0, 100) to leave 100 out).
            error DSL1006: The number '5..' is not valid.
            error DSL1006: The number '5..5' is not valid. A range of values is an interval: write [5, 5].
            """);
    }

    [Fact]
    public void Invalid_unicode_escape_is_reported_and_kept_as_written()
    {
        var tree = SyntaxAssert.Reports("""job a "x[|\u12|]" """, """
            error DSL1005: The escape sequence '\u12' is not valid; use \", \\, \n, \t, or \u and four hexadecimal digits (\u00e9).
            """);
        Assert.Equal("x\\u12", SyntaxAssert.Single<JobDeclarationSyntax>(tree).Description?.Value);
    }

    [Fact]
    public void Half_a_surrogate_pair_is_reported_at_its_escape_and_a_whole_pair_is_one_character()
    {
        var tree = SyntaxAssert.Reports("""
            job a "x [|\uD83D|] y \uD83D\uDE00"
            model M {
              ai P "[|\uDE00|]"
              ai Q "[|\uDBFF|]\uD800"
            }
            """, """
            error DSL1014: The escape sequence '\uD83D' is half of a UTF-16 surrogate pair and stands for no character; write the character itself, or both halves of its pair one after the other, as in \uD83D\uDE00.
            error DSL1014: The escape sequence '\uDE00' is half of a UTF-16 surrogate pair and stands for no character; write the character itself, or both halves of its pair one after the other, as in \uD83D\uDE00.
            error DSL1014: The escape sequence '\uDBFF' is half of a UTF-16 surrogate pair and stands for no character; write the character itself, or both halves of its pair one after the other, as in \uD83D\uDE00.
            """);
        // The pair is U+1F600; a half alone stays as written, as any invalid escape does (two high
        // halves in a row are no pair either; the second is on the line of the first, not reported again).
        Assert.Equal("x \\uD83D y \U0001F600", SyntaxAssert.Single<JobDeclarationSyntax>(tree).Description?.Value);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_reported_in_strings_and_quoted_names_too()
    {
        // A '°' saved as Windows-1252 is one byte that is no UTF-8: read as UTF-8, it is U+FFFD.
        Assert.Equal("\uFFFD", Encoding.UTF8.GetString(Encoding.Latin1.GetBytes("°")));
        SyntaxAssert.Reports(
            "job a\nmodel M {\n  ai `T[|\uFFFD|]C` kW\n  ai U \"[|\uFFFD|]C\"\n  ai P kW [|\uFFFD|]\n}\nmerge M on P { `T[|\uFFFD|]C` = P }\n",
            """
            error DSL1002: The character U+FFFD is not valid here. It stands for bytes that are not UTF-8: save the file as UTF-8.
            error DSL1002: The character U+FFFD is not valid here. It stands for bytes that are not UTF-8: save the file as UTF-8.
            error DSL1002: The character U+FFFD is not valid here. It stands for bytes that are not UTF-8: save the file as UTF-8.
            error DSL1002: The character U+FFFD is not valid here. It stands for bytes that are not UTF-8: save the file as UTF-8.
            """);
    }

    [Fact]
    public void A_control_character_is_shown_by_its_code_point()
    {
        SyntaxAssert.Reports("job a [|\u0007|]", "error DSL1002: The character U+0007 is not valid here.");
    }

    [Fact]
    public void Unterminated_comment_is_the_only_error_even_inside_a_block()
    {
        SyntaxAssert.Reports("""
            model M {
              ai P kW [|/*|] the rest is a comment
              ai Q kW
            }
            """,
            "error DSL1004: The comment is not closed; add '*/'.");
    }

    [Fact]
    public void Malformed_literals_do_not_cascade_into_parse_errors()
    {
        var tree = SyntaxAssert.Reports("""
            aggregate M window tumbling [|10min|]
                lateness [|1.5h|] {
              A = avg(P) where P > [|3x|]
            }
            """,
            """
            error DSL1007: The duration '10min' is not valid; write an integer followed by ms, s, m, h, d, w or mo, with no space. Did you mean "10m"?
            error DSL1007: The duration '1.5h' is not valid; write an integer followed by ms, s, m, h, d, w or mo, with no space. Did you mean "90m"?
            error DSL1006: The number '3x' is not valid.
            """);
        // A malformed duration is zero-length, which tells the binder it was reported already.
        var rule = SyntaxAssert.Single<AggregateRuleSyntax>(tree);
        Assert.Equal(0, Assert.IsType<TumblingWindowSyntax>(rule.Window).Size.Span.Length);
        Assert.IsType<MissingExpressionSyntax>(Assert.IsType<BinaryExpressionSyntax>(Assert.Single(rule.Outputs).Where).Right);
    }

    [Fact]
    public void A_file_with_hundreds_of_errors_reports_the_first_hundred_and_says_so()
    {
        var text = string.Concat(Enumerable.Repeat("model M { ai P kW = }\n", 300));
        var tree = SyntaxTree.Parse(text);
        Assert.Equal(101, tree.Diagnostics.Count);
        Assert.Equal("DSL1013", tree.Diagnostics[^1].Code);
        Assert.Equal("Too many syntax errors; only the first 100 are reported.", tree.Diagnostics[^1].Message);
    }

    private const string UnknownPx = "error DSL2003: The point \"Px\" is not declared in model \"M\". Did you mean \"P\"?";

    [Theory]
    [InlineData("energy M from E [|{|]\n  every 15m [|Px|]\n}", "error DSL1009: Expected 'by' and an energy method (meter, instant_power or average_power) after the point name \"E\".\nerror DSL2003: The point \"Px\" is not declared in model \"M\". Declare it in model \"M\" as an output point, or correct the name.")]
    [InlineData("aggregate M [|{|]\n  A = avg([|Px|])\n}", "error DSL1009: Expected 'window' and a window (such as tumbling 10m) after the model name \"M\".\n" + UnknownPx)]
    [InlineData("aggregate M [|lateness|] 5m {\n  A = avg([|Px|])\n}", "error DSL1009: Expected 'window' and a window (such as tumbling 10m) after the model name \"M\".\n" + UnknownPx)]
    // An option of another rule where the window belongs: the window first, not also "hold does not apply" there.
    [InlineData("aggregate M [|hold|] 5m {\n  A = avg([|Px|])\n}", "error DSL1009: Expected 'window' and a window (such as tumbling 10m) after the model name \"M\".\n" + UnknownPx)]
    [InlineData("aggregate M [|hold|] {\n  A = avg([|Px|])\n}", "error DSL1009: Expected 'window' and a window (such as tumbling 10m) after the model name \"M\".\n" + UnknownPx)]
    public void A_header_without_its_method_or_window_is_one_error_and_the_body_is_still_checked(string rule, string messages)
    {
        // The body is read: its unknown point is reported too, and no "writes no point" follows.
        Binding.DiagnosticAssert.Reports(HeaderTestModel + rule + "\n", messages);
    }

    private const string HeaderTestModel = "job demo\nmodel M {\n  pi E kWh\n  pi D kWh\n  ai P kW\n  ai A kW\n}\n";

    private const string UnknownEnergyPx = "error DSL2003: The point \"Px\" is not declared in model \"M\". Declare it in model \"M\" as an output point, or correct the name.";

    [Theory]
    [InlineData("aggregate M [|windows|] tumbling 10m {\n  A = avg([|Px|])\n}", "error DSL1001: Unexpected 'windows'; expected 'window'. Did you mean \"window\"?\n" + UnknownPx)]
    [InlineData("aggregate M [|widow|] tumbling 10m {\n  A = avg([|Px|])\n}", "error DSL1001: Unexpected 'widow'; expected 'window'. Did you mean \"window\"?\n" + UnknownPx)]
    [InlineData("aggregate M [|Window|] tumbling 10m {\n  A = avg([|Px|])\n}", "error DSL1001: Unexpected 'Window'; expected 'window'. Keywords are written in lower case: did you mean \"window\"?\n" + UnknownPx)]
    [InlineData("aggregate M window hopping 10m [|stpe|] 5m {\n  A = avg([|Px|])\n}", "error DSL1001: Unexpected 'stpe'; expected 'step'. Did you mean \"step\"?\n" + UnknownPx)]
    [InlineData("energy M [|form|] E by meter {\n  every 15m [|Px|]\n}", "error DSL1001: Unexpected 'form'; expected 'from'. Did you mean \"from\"?\n" + UnknownEnergyPx)]
    [InlineData("energy M from E [|bye|] meter {\n  every 15m [|Px|]\n}", "error DSL1001: Unexpected 'bye'; expected 'by'. Did you mean \"by\"?\n" + UnknownEnergyPx)]
    // Each misspelt keyword is its own mistake, and so is one in the part that it introduces.
    [InlineData("energy M [|form|] E [|bye|] meter {\n  every 15m [|Px|]\n}", "error DSL1001: Unexpected 'form'; expected 'from'. Did you mean \"from\"?\nerror DSL1001: Unexpected 'bye'; expected 'by'. Did you mean \"by\"?\n" + UnknownEnergyPx)]
    [InlineData("aggregate M [|windows|] tumbling [|10min|] {\n  A = avg([|Px|])\n}", "error DSL1001: Unexpected 'windows'; expected 'window'. Did you mean \"window\"?\nerror DSL1007: The duration '10min' is not valid; write an integer followed by ms, s, m, h, d, w or mo, with no space. Did you mean \"10m\"?\n" + UnknownPx)]
    public void A_misspelt_header_keyword_is_one_error_that_names_it_and_the_header_and_body_are_read_as_meant(string rule, string messages)
    {
        // The method after `bye` is meter, the source after `form` is E, the window after `windows` is the
        // window: no "not a valid energy method", no unknown point "form", and the body is checked.
        Binding.DiagnosticAssert.Reports(HeaderTestModel + rule + "\n", messages);
    }

    [Theory]
    [InlineData("aggregate M [|M|] window tumbling 10m {\n  A = avg([|Px|])\n}", "error DSL1001: Unexpected 'M'; expected 'window'.\n" + UnknownPx)]
    [InlineData("aggregate M [|Site|] window tumbling 10m {\n  A = avg([|Px|])\n}", "error DSL1001: Unexpected 'Site'; expected 'window'.\n" + UnknownPx)]
    [InlineData("energy M [|M|] from E by meter {\n  every 15m [|Px|]\n}", "error DSL1001: Unexpected 'M'; expected 'from'.\n" + UnknownEnergyPx)]
    [InlineData("energy M from E [|E|] by meter {\n  every 15m [|Px|]\n}", "error DSL1001: Unexpected 'E'; expected 'by'.\n" + UnknownEnergyPx)]
    public void A_word_too_many_before_a_header_keyword_is_one_error_and_the_header_and_body_are_read(string rule, string messages) =>
        Binding.DiagnosticAssert.Reports(HeaderTestModel + rule + "\n", messages);

    [Theory]
    [InlineData("aggregate [|tumbling|] 10m {\n  A = avg(Px)\n}", "error DSL1009: Expected a model name and 'window' after 'aggregate'.")]
    [InlineData("aggregate [|hopping|] 10m step 5m lateness [|1mo|] {\n  A = avg(Px)\n}", "error DSL1009: Expected a model name and 'window' after 'aggregate'.\nerror DSL3026: The lateness must be a fixed length, but a month varies; write it in days or hours.")]
    [InlineData("aggregate[||] window tumbling 10m {\n  A = avg(Px)\n}", "error DSL1009: Expected a model name after 'aggregate'.")]
    public void An_aggregate_without_its_model_name_is_one_error_and_its_window_is_read(string rule, string message)
    {
        // Not a model named "tumbling" (or named by the window kind after `window`), nor a rule that
        // writes no point. Without a model, the points of the body have none to be looked up in.
        Binding.DiagnosticAssert.Reports(HeaderTestModel + rule + "\n", message);
    }

    [Theory]
    [InlineData("aggregate M [|foo|] bar tumbling 10m {\n  A = avg(Px)\n}", "error DSL1001: Unexpected 'foo'; expected 'window'.")]
    [InlineData("aggregate M [|windows|] {\n  A = avg(Px)\n}", "error DSL1001: Unexpected 'windows'; expected 'window'.")]
    public void A_header_that_could_not_be_read_is_one_error_and_its_rule_is_not_said_to_write_no_point(string rule, string message)
    {
        // The body was skipped with the header: it is not empty, only unread.
        Binding.DiagnosticAssert.Reports(HeaderTestModel + rule + "\n", message);
    }

    private const string StrayUnit = "error DSL1001: Unexpected 'kW'; expected the next member (a point kind and a name, or 'attribute') or '}'. A point has one unit.";
    private const string StrayStringUnit = "error DSL1001: Unexpected \"%\"; expected the next member (a point kind and a name, or 'attribute') or '}'. A point has one unit.";
    private const string RangeWithoutInterval = "error DSL1009: Expected an interval such as [0, 100) after 'range'.";

    [Theory]
    [InlineData("  ai A kW [|kW|]\n  ai B kW\n  ai C kW\n", StrayUnit)]
    [InlineData("  ai A kW [|kW|] ai B kW\n  ai C kW\n", StrayUnit)]
    [InlineData("  ai A kW [|kW|] kW kW ai B kW\n  ai C kW\n", StrayUnit)]
    [InlineData("  ai A: double kW [|kW|] kW generic B: double kW\n  ai C kW\n", StrayUnit)]
    [InlineData("  ai A kW [|kW|] range [0, 5]\n  ai B kW\n  ai C kW\n", StrayUnit)]
    [InlineData("  ai A kW [|kW|] \"%\"\n  ai B kW\n  ai C kW\n", StrayUnit)]
    [InlineData("  ai A kW [|\"%\"|] ai B kW\n  ai C kW\n", StrayStringUnit)]
    [InlineData("  ai A: double \"°C\" [|\"%\"|] range [0, 5]\n  ai B kW\n  ai C kW\n", StrayStringUnit)]
    [InlineData("  ai A: double kW [|kW|] kW range [0, 5] ai B kW\n  ai C kW\n", StrayUnit)]
    [InlineData("  ai A kW range[||]\n  ai B kW\n  ai C kW\n", RangeWithoutInterval)]
    [InlineData("  ai A kW range[||] ai B kW\n  ai C kW\n", RangeWithoutInterval)]
    [InlineData("  ai B kW\n  ai C kW\n  ai A kW range[||]\n", RangeWithoutInterval)]
    [InlineData("  ai A range[||]\n  ai B kW\n  ai C kW\n", RangeWithoutInterval)]
    [InlineData("  ai A range[||] ai B kW\n  ai C kW\n", RangeWithoutInterval)]
    [InlineData("  ai B kW\n  ai C kW\n  ai A range[||]\n", RangeWithoutInterval)]
    [InlineData("  ai A kW range[||] 0, 5\n  ai B kW\n  ai C kW\n", RangeWithoutInterval)]
    [InlineData("  ai A kW range[||] 0 5 ai B kW\n  ai C kW\n", RangeWithoutInterval)]
    [InlineData("  ai A kW range [|0..5|]\n  ai B kW\n  ai C kW\n", "error DSL1006: The number '0..5' is not valid. A range of values is an interval: write [0, 5] (or [0, 5) to leave 5 out).")]
    [InlineData("  ai A range[||] 0, 5 ai B kW\n  ai C kW\n", RangeWithoutInterval)]
    [InlineData("  ai A kW range [0, 5[|,|] 6] ai B kW\n  ai C kW\n", "error DSL1001: Unexpected ','; expected ')' or ']'.")]
    public void A_word_too_many_or_an_interval_left_out_after_a_point_is_one_error_and_the_next_members_are_declared(string members, string message)
    {
        // B and C are declared: the point kind after the wrong word starts the next member.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M {\n" + members + "}\nmerge M on A {\n  B = A\n  C = A\n}\n", message);
    }

    [Theory]
    [InlineData("  ai[||]\n  ai B kW\n  ai C kW\n", "error DSL1009: Expected a point name after the point kind \"ai\".")]
    [InlineData("  ai B kW\n  pi[||]\n  ai C kW\n", "error DSL1009: Expected a point name after the point kind \"pi\".")]
    [InlineData("  ai B kW\n  attribute[||]\n  ai C kW\n", "error DSL1009: Expected an attribute name after 'attribute'.")]
    public void A_member_without_its_name_is_one_error_and_the_point_on_the_next_line_is_declared(string members, string message)
    {
        // Not a point named like the kind on the next line, with the next point's name as its unit.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M {\n  ai A kW\n" + members + "}\nmerge M on A {\n  B = A\n  C = A\n}\n", message);
    }

    [Theory]
    [InlineData("  generic [|model|]: string\n", "error DSL1001: Unexpected 'model'; expected a point name. 'model' is a keyword: write a name spelled like it in backticks, `model`.")]
    [InlineData("  pi [|energy|] kWh\n", "error DSL1001: Unexpected 'energy'; expected a point name. 'energy' is a keyword: write a name spelled like it in backticks, `energy`.")]
    [InlineData("  attribute [|job|] = 1\n", "error DSL1001: Unexpected 'job'; expected an attribute name. 'job' is a keyword: write a name spelled like it in backticks, `job`.")]
    public void A_declaration_keyword_as_a_member_name_is_one_error_and_the_rest_of_the_model_is_declared(string member, string message)
    {
        // The keyword does not end the model: B and C after it are declared, and the rule reads them.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M {\n  ai A kW\n" + member + "  ai B kW\n  ai C kW\n}\nmerge M on A {\n  B = A\n  C = A\n}\n", message);
    }

    [Theory]
    [InlineData("  pi [|energy|] kWh\n", "B = `energy`", "error DSL1001: Unexpected 'energy'; expected a point name. 'energy' is a keyword: write a name spelled like it in backticks, `energy`.")]
    [InlineData("  attribute [|job|] = 1\n", "B = A * `job`", "error DSL1001: Unexpected 'job'; expected an attribute name. 'job' is a keyword: write a name spelled like it in backticks, `job`.")]
    public void A_member_named_with_a_declaration_keyword_is_declared_as_if_in_backticks(string member, string output, string message)
    {
        // Its uses, written as the message says, find it: no "not declared" after the one error.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M {\n  ai A kW\n" + member + "  ai B kW\n}\nmerge M on A {\n  " + output + "\n}\n", message);
    }

    [Theory]
    [InlineData("attribute Y = 2 [|range|] [0, 1]")]
    [InlineData("attribute Y [|range|] [0, 1]")]
    [InlineData("attribute Y: double = 2 kW [|range|] [0, 1]")]
    [InlineData("attribute Y: double = 2 \"kW\" [|range|] [0, 1]")]
    public void A_range_on_an_attribute_says_attributes_have_none_and_the_attribute_is_declared(string attribute)
    {
        // Not "expected an attribute name, 'attribute', a string or '}'"; Y and B are declared.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M {\n  ai A kW\n  " + attribute + "\n  ai B kW\n}\nmerge M on A {\n  B = A * Y\n}\n",
            "error DSL1001: Unexpected 'range'; expected the next member (a point kind and a name, or 'attribute') or '}'. An attribute has no range: only points do.");
    }

    private const string StrayRange = "error DSL1001: Unexpected 'range'; expected the next member (a point kind and a name, or 'attribute') or '}'. A point has one range.";

    [Theory]
    [InlineData("  ai B kW\n  ai C kW\n  ai A kW [|kW|]\n", StrayUnit)]
    [InlineData("  ai B kW\n  ai C kW\n  ai A kW [|kW|] ", StrayUnit)]
    [InlineData("  ai B kW\n  ai C kW\n  ai A: double \"°C\" [|kW|]\n", StrayUnit)]
    [InlineData("  ai A kW [|kW|]\n  attribute R = 1\n  ai B kW\n  ai C kW\n", StrayUnit)]
    [InlineData("  ai A kW [|kW|] kW\n  ai B kW\n  ai C kW\n", StrayUnit)]
    [InlineData("  ai B kW\n  ai C kW\n  ai A kW [|kW|] kW kW ", StrayUnit)]
    [InlineData("  ai A: double kW [|kW|] kW\n  attribute R = 1\n  ai B kW\n  ai C kW\n", StrayUnit)]
    [InlineData("  ai A kW range [0, 1] [|range|] [0, 2]\n  ai B kW\n  ai C kW\n", StrayRange)]
    [InlineData("  ai A kW range [0, 1] [|range|] [0, 2] ai B kW\n  ai C kW\n", StrayRange)]
    [InlineData("  ai B kW\n  ai C kW\n  ai A range [0, 1] [|range|] (0, 2]\n", StrayRange)]
    public void A_second_unit_or_range_at_the_end_of_a_line_or_the_model_is_one_error_at_it(string members, string message)
    {
        // A, B and C are declared, A with its first unit and range.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M {\n" + members + "}\nmerge M on A {\n  B = A\n  C = A\n}\n", message);
    }

    [Fact]
    public void A_misspelt_attribute_keyword_is_one_error_that_suggests_attribute_and_the_attribute_is_declared()
    {
        Binding.DiagnosticAssert.Reports("""
            job demo
            model M {
              ai A kW
              ai B kW
              [|attribut|] Scale = 5
            }
            merge M on A {
              B = A * Scale
            }
            """,
            "error DSL1001: Unexpected 'attribut'; expected a point or attribute declaration, or '}'. Did you mean \"attribute\"?");
    }

    [Theory]
    [InlineData("[|hold|] 5m", "error DSL3050: The hold option does not apply to energy rules; remove it.")]
    [InlineData("[|emit|] final", "error DSL3050: The emit option does not apply to energy rules; remove it.")]
    [InlineData("[|lateness|] 5m", "error DSL1001: Unexpected 'lateness'; expected '{'. The lateness of an energy rule is a clause of its body: write \"lateness 5m\" inside the braces.")]
    public void An_option_in_an_energy_header_is_one_error_at_its_keyword_and_the_body_is_read(string option, string message)
    {
        // The body's `daily E` is read: no "writes no point".
        Binding.DiagnosticAssert.Reports(EnergyRule(option, "daily E"), message);
    }

    [Theory]
    [InlineData("[|daily|] E", "")]
    [InlineData("[|every|] 15m E", "")]
    [InlineData("[|split|]", "daily E")]
    public void A_clause_in_an_energy_header_is_one_error_at_its_keyword_and_is_bound_as_meant(string header, string body)
    {
        // The header's `daily E` counts as the rule's output: no "writes no point" as well.
        var keyword = header.Split(' ')[0][2..^2];
        var written = header.Replace("[|", "", StringComparison.Ordinal).Replace("|]", "", StringComparison.Ordinal);
        Binding.DiagnosticAssert.Reports(EnergyRule(header, body),
            $"error DSL1001: Unexpected '{keyword}'; expected '{{'. An energy rule's clauses go in its body: write \"{written}\" inside the braces.");
    }

    [Theory]
    [InlineData("[|hold|] 5m [|daily|] E", "error DSL3050: The hold option does not apply to energy rules; remove it.\nerror DSL1001: Unexpected 'daily'; expected '{'. An energy rule's clauses go in its body.")]
    [InlineData("[|foo|]", "error DSL1001: Unexpected 'foo'; expected '{'.")]
    public void A_word_after_an_option_in_an_energy_header_is_its_own_error(string header, string messages) =>
        Binding.DiagnosticAssert.Reports(EnergyRule(header, "every 15m E"), messages);

    [Fact]
    public void An_unfinished_clause_in_an_energy_header_is_told_where_clauses_go_and_is_not_read() =>
        // Not "write "daily" inside the braces", nor a second daily beside the body's.
        Binding.DiagnosticAssert.Reports(EnergyRule("[|daily|]", "daily E"),
            "error DSL1001: Unexpected 'daily'; expected '{'. An energy rule's clauses go in its body.");

    [Fact]
    public void A_clause_in_an_energy_header_whose_output_is_named_with_its_model_is_one_error() =>
        // Not "write "daily M" inside the braces", nor "The point M is not declared".
        Binding.DiagnosticAssert.Reports(EnergyRule("[|daily|] M::E", "every 15m E"),
            "error DSL1001: Unexpected 'daily'; expected '{'. An energy rule's clauses go in its body.");

    [Fact]
    public void A_clause_in_an_energy_header_is_checked_like_one_in_the_body() =>
        Binding.DiagnosticAssert.Reports(EnergyRule("[|daily|] [|Missing|]", "every 15m E"),
            "error DSL1001: Unexpected 'daily'; expected '{'. An energy rule's clauses go in its body: write \"daily Missing\" inside the braces.\n"
            + "error DSL2003: The point \"Missing\" is not declared in model \"M\". Declare it in model \"M\" as an output point, or correct the name.");

    /// <summary>
    /// The '{' forgotten after the header, the clauses on the lines below: one error where the
    /// brace belongs, not "goes in its body" for clauses written where the body is meant to be,
    /// nor another at the '}' that closes them. The clauses are read, so the rule writes its points.
    /// </summary>
    [Fact]
    public void An_energy_rule_without_its_opening_brace_is_one_error_at_its_first_clause() =>
        Binding.DiagnosticAssert.Reports("""
            job ec
            settings {
              timezone "UTC"
            }
            model M {
              pi T kWh
              pi E kWh
              pi F kWh
            }
            energy M from T by meter
              [|daily|] E
              every 15m F
            }
            """,
            "error DSL1001: Unexpected 'daily'; expected '{'.");

    [Theory]
    [InlineData("settings { channel realtime [|offline|] }", "'offline'")]
    [InlineData("settings {\n  channel realtime [|offline|]\n  idle 10m\n}", "'offline'")]
    [InlineData("settings {\n  timezone \"UTC\" [|\"Europe/Berlin\"|]\n  idle 10m\n}", "\"Europe/Berlin\"")]
    [InlineData("settings {\n  lateness 5m [|10m|]\n}", "'10m'")]
    [InlineData("settings { channel offline [|realtime|] lateness 5m idle 10m }", "'realtime'")]
    public void A_second_value_after_a_setting_on_its_line_is_one_error_not_an_unknown_setting(string settings, string found)
    {
        // Not also "The setting offline does not exist" and "expected a value" at the '}'.
        Binding.DiagnosticAssert.Reports("job demo\n" + settings + "\nmodel M { ai P kW ai Q kW }\nmerge M on P {\n  Q = P\n}\n",
            $"error DSL1001: Unexpected {found}; expected a setting (a name and a value) or '}}'. A setting has one value.");
    }

    [Theory]
    [InlineData("on failed notify \"ops\" [|\"oncall\"|]", "\"oncall\"", "Channels are separated by commas: \"ops\", \"oncall\".")]
    [InlineData("on lag > 5m notify \"ops\", \"a\" [|\"b\"|]", "\"b\"", "Channels are separated by commas: \"a\", \"b\".")]
    public void A_channel_after_the_last_one_without_a_comma_says_channels_are_separated_by_commas(string rule, string found, string hint)
    {
        // The rule before it is kept: the next alarm rule is read as usual.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai Q kW }\nmerge M on P {\n  Q = P\n}\nalarm {\n  " + rule + "\n  on failed notify \"ops\"\n}\n",
            $"error DSL1001: Unexpected {found}; expected an alarm rule ('on ... notify ...') or '}}'. {hint}");
    }

    [Theory]
    [InlineData("aggregate M window tumbling 10m {\n  A = percentile(P, 50 [|}|] B = avg([|Px|])\n  C = avg([|Py|])\n}", "')'")]
    [InlineData("aggregate M window tumbling 10m {\n  A = percentile(P, 50 [|}|]\n  C = avg([|Py|])\n}", "')'")]
    [InlineData("merge M on P {\n  A = (P + 1 [|}|]\n  C = [|Py|]\n}", "')'")]
    [InlineData("merge M on P {\n  A = if P in [0, 1 [|}|] then 1 else 0\n  C = [|Py|]\n}", "')' or ']'")]
    public void A_brace_typed_for_a_closer_does_not_end_the_block_and_the_outputs_after_it_are_read(string rule, string closer)
    {
        // Not "Unexpected 'B' (or 'C'); expected a declaration": the outputs after the brace are
        // checked, so their unknown points are reported.
        var unknown = "error DSL2003: The point \"{0}\" is not declared in model \"M\". Did you mean \"P\"?";
        var messages = $"error DSL1001: Unexpected '}}'; expected {closer}.\n"
            + (rule.Contains("Px") ? string.Format(unknown, "Px") + "\n" : "") + string.Format(unknown, "Py");
        Binding.DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai A kW ai B kW ai C kW }\n" + rule + "\n", messages);
    }

    [Fact]
    public void A_setting_after_a_second_value_on_its_line_is_read() =>
        // The second lateness is a duplicate: the first, after the stray value, was read.
        Binding.DiagnosticAssert.Reports("job demo\nsettings { channel offline [|realtime|] lateness 5m\n  [|lateness|] 6m }\nmodel M { ai P kW ai Q kW }\nmerge M on P {\n  Q = P\n}\n",
            "error DSL1001: Unexpected 'realtime'; expected a setting (a name and a value) or '}'. A setting has one value.\n"
            + "error DSL2011: The setting \"lateness\" is already set at line 2. Remove one of them.");

    [Theory]
    [InlineData("[|emit|]")]
    [InlineData("[|emit every 5m|]")]
    [InlineData("[|emit early 5m|]")]
    public void An_emit_option_on_a_merge_is_one_error_however_it_is_written(string option)
    {
        // Not also "Expected an emit mode" or "Expected 'every'": a merge takes no emit at all.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai Q kW }\nmerge M on P " + option + " {\n  Q = P\n}\n",
            "error DSL3050: The emit option does not apply to merge rules; remove it.");
    }

    /// <summary>A job of one meter energy rule over T, which may write E, with the header's tail and the body given.</summary>
    private static string EnergyRule(string header, string body) => $$"""
        job ec
        settings {
          timezone "UTC"
        }
        model M {
          pi T kWh
          pi E kWh
        }
        energy M from T by meter {{header}} {
          {{body}}
        }
        """;

    [Theory]
    [InlineData("Out = M[|:|]P", "error DSL1001: Unexpected ':'; expected an output ('Name = expression') or '}'. A point is qualified by its model with two colons: did you mean \"M::P\"?")]
    [InlineData("Out = IF [|P|] > 0 THEN 1 ELSE 0", "error DSL1001: Unexpected 'P'; expected an operator or the end of the output's line (an output per line). Keywords are lower case: write \"if\".")]
    public void A_slip_in_a_merge_value_is_one_error_with_its_fix_and_the_name_before_it_is_not_looked_up(string output, string message)
    {
        // Not also "The point M (or IF) is not declared": the value was cut short by the error.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai Out kW ai B kW }\nmerge M on P {\n  " + output + "\n  B = P\n}\n", message);
    }

    [Theory]
    [InlineData("merge M on P {\n  Out[|:|] P\n  B = P\n}", "error DSL1001: Unexpected ':'; expected '='. Did you mean \"=\"?")]
    [InlineData("aggregate M window tumbling 10m {\n  Out[|:|] avg(P)\n  B = max(P)\n}", "error DSL1001: Unexpected ':'; expected '='. Did you mean \"=\"?")]
    public void A_colon_after_an_output_name_is_its_equals_sign_not_a_model_qualifier(string rule, string message)
    {
        // `Out: P` names an output; "Out::P" would qualify a point by a model named Out.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai Out kW ai B kW }\n" + rule, message);
    }

    [Theory]
    [InlineData("energy M from T by meter {\n  every [|day|] E\n}", "error DSL1001: Unexpected 'day'; expected a duration (such as 10m). Did you mean \"1d\"?")]
    [InlineData("merge M on P hold [|minute|] {\n  Out = P\n}", "error DSL1001: Unexpected 'minute'; expected a duration (such as 10m). Did you mean \"1m\"?")]
    [InlineData("merge M every [|hour|] {\n  Out = 1\n}", "error DSL1001: Unexpected 'hour'; expected a duration (such as 10m). Did you mean \"1h\"?")]
    public void A_unit_written_alone_where_a_duration_goes_suggests_one_of_it(string rule, string message)
    {
        Binding.DiagnosticAssert.Reports("job demo\nsettings { timezone \"UTC\" }\nmodel M { ai P kW ai Out kW pi T kWh pi E kWh }\n" + rule, message);
    }

    [Fact]
    public void A_word_where_a_name_may_stand_is_not_taken_for_a_misspelt_keyword()
    {
        // `ai` is close to the word `at`, but `at` is only a name where a point's name goes.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M {\n  ai A kW [|ai|]\n}\n",
            "error DSL1001: Unexpected 'ai'; expected a point name, 'attribute' or '}'.");
    }

    [Fact]
    public void A_point_may_be_named_range()
    {
        var compilation = Binding.TestCompiler.Compile("job demo\nmodel M {\n  ai range kW range [0, 5] ai A kW\n  ai C\n}\nmerge M on range {\n  C = range + A\n}\n");
        Assert.Empty(compilation.GetDiagnostics());
        var names = SyntaxAssert.Single<ModelDeclarationSyntax>(compilation.SyntaxTree).Members.OfType<PointDeclarationSyntax>().Select(p => (p.Name.Text, p.Unit?.Text));
        Assert.Equal([("range", "kW"), ("A", "kW"), ("C", null)], names);
    }

    [Fact]
    public void A_point_with_a_second_unit_before_its_range_keeps_its_first_unit_and_its_range()
    {
        var compilation = Binding.TestCompiler.Compile("job demo\nmodel M {\n  ai A kW kW range [0, 5]\n  ai C kW\n}\nmerge M on A {\n  C = A\n}\n");
        Assert.Equal(StrayUnit, Binding.TestCompiler.Describe(Assert.Single(compilation.GetDiagnostics())));
        var point = Assert.IsType<PointDeclarationSyntax>(SyntaxAssert.Single<ModelDeclarationSyntax>(compilation.SyntaxTree).Members[0]);
        Assert.Equal(("A", "kW", true), (point.Name.Text, point.Unit?.Text, point.Range != null));
        Assert.Equal("ai A kW kW range [0, 5]", compilation.SyntaxTree.Source.ToString(point.Span));
    }

    [Theory]
    [InlineData("  ai A\n  kW range [0, 5]\n  ai C kW\n")]
    [InlineData("  ai A\n  kW\n  range [0, 5]\n  ai C kW\n")]
    public void A_unit_and_range_on_the_line_after_their_point_belong_to_it(string members)
    {
        var compilation = Binding.TestCompiler.Compile("job demo\nmodel M {\n" + members + "}\nmerge M on A {\n  C = A\n}\n");
        Assert.Empty(compilation.GetDiagnostics());
        var point = Assert.IsType<PointDeclarationSyntax>(SyntaxAssert.Single<ModelDeclarationSyntax>(compilation.SyntaxTree).Members[0]);
        Assert.Equal(("A", "kW", true), (point.Name.Text, point.Unit?.Text, point.Range != null));
    }

    [Theory]
    [InlineData("on lag > 5m per [|10m|] notify \"ops\"", "error DSL3041: The alarm metric \"lag\" is a duration and takes no period ('per'); write \"on lag > 5m\".")]
    [InlineData("on errors > [|-1|] per 10m notify \"ops\"", "error DSL3041: The alarm metric \"errors\" counts events and its threshold cannot be negative, e.g. \"on errors > 0 per 10m\".")]
    [InlineData("on errors [|5|] per 10m notify \"ops\"", "error DSL1009: Expected a comparison ('>', '>=', '<', '<=', '==' or '!=') after the alarm metric \"errors\".")]
    [InlineData("on errors > [|per|] 10m notify \"ops\"", "error DSL1001: Unexpected 'per'; expected a number or a duration.")]
    [InlineData("on errors [|=|]> 5 per 10m notify \"ops\"", "error DSL1001: Unexpected '='; expected a comparison ('>', '>=', '<', '<=', '==' or '!='). Did you mean \">=\"?")]
    [InlineData("on lag > 5 [|m|] notify \"ops\"", "error DSL1001: Unexpected 'm'; expected 'notify' or ','. A duration is written without a space: 5m.")]
    [InlineData("on lag > 5 [|minutes|] notify \"ops\"", "error DSL1001: Unexpected 'minutes'; expected 'notify' or ','. A duration is written with a short unit and no space: 5m.")]
    [InlineData("on errors > 20 per [|1|] hour notify \"ops\"", "error DSL1001: Unexpected '1'; expected a duration (such as 10m). A duration is written with a short unit and no space: 1h.")]
    [InlineData("on lag > 5m per [|notify|] \"ops\"", "error DSL1001: Unexpected 'notify'; expected a duration (such as 10m).")]
    [InlineData("on failed [|or|] errors > 100 per 10m notify \"ops\"", "error DSL1001: Unexpected 'or'; expected 'notify' or ','. An alarm rule's conditions are separated by ',': any one of them fires it.")]
    [InlineData("on lag > 5m [|and|] errors > 0 per 1m notify \"ops\"", "error DSL1001: Unexpected 'and'; expected 'notify' or ','. An alarm rule's conditions are separated by ',', and any one of them fires it: a rule cannot require several at once.")]
    [InlineData("on [|notify|] \"a\"", "error DSL1009: Expected an alarm condition (such as failed, errors > 100 per 10m or lag > 5m) after 'on'.")]
    [InlineData("on failed, [|notify|] \"a\"", "error DSL1009: Expected an alarm condition (such as failed, errors > 100 per 10m or lag > 5m) after ','.")]
    public void A_mistake_in_an_alarm_condition_is_one_error_that_names_it(string rule, string message)
    {
        // The condition a syntax error broke is not checked again (no DSL3041 beside it), and the next line still is.
        Binding.DiagnosticAssert.Reports("job demo\nalarm {\n  " + rule + "\n  on failed notify \"ops\"\n}\n", message);
    }

    [Theory]
    [InlineData("aggregate M window tumbling [|10|] m {\n  A = avg(P)\n}", "error DSL1001: Unexpected '10'; expected a duration (such as 10m). A duration is written without a space: 10m.")]
    [InlineData("aggregate M window hopping 1h step [|10|] m {\n  A = avg(P)\n}", "error DSL1001: Unexpected '10'; expected a duration (such as 10m). A duration is written without a space: 10m.")]
    [InlineData("aggregate M window tumbling 10m lateness [|500|] ms {\n  A = avg(P)\n}", "error DSL1001: Unexpected '500'; expected a duration (such as 10m). A duration is written without a space: 500ms.")]
    [InlineData("merge M every 1m hold [|10|] m {\n  A = P\n}", "error DSL1001: Unexpected '10'; expected a duration (such as 10m). A duration is written without a space: 10m.")]
    [InlineData("merge M every [|1|] mo {\n  A = P\n}", "error DSL1001: Unexpected '1'; expected a duration (such as 10m). A duration is written without a space: 1mo.")]
    // Not a unit after the number: nothing to join it with.
    [InlineData("aggregate M window tumbling [|10|] {\n  A = avg(P)\n}", "error DSL1001: Unexpected '10'; expected a duration (such as 10m).")]
    // A word for a unit the language has no unit for: no duration to propose.
    [InlineData("aggregate M window tumbling [|1|] year {\n  A = avg(P)\n}", "error DSL1001: Unexpected '1'; expected a duration (such as 10m).")]
    public void A_duration_written_with_a_space_says_it_is_written_without_one(string rule, string message)
    {
        // One error: the unit after the number is not reported again, and the body is still checked.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai A kW }\n" + rule, message);
    }

    [Theory]
    [InlineData("tumbling [|10|] min", "10", "10m")]
    [InlineData("tumbling [|10|] minutes", "10", "10m")]
    [InlineData("tumbling [|15|] mins", "15", "15m")]
    [InlineData("tumbling [|1|] minute", "1", "1m")]
    [InlineData("tumbling [|1|] hour", "1", "1h")]
    [InlineData("tumbling [|2|] hours", "2", "2h")]
    [InlineData("tumbling [|2|] hrs", "2", "2h")]
    [InlineData("tumbling [|1|] day", "1", "1d")]
    [InlineData("tumbling [|2|] days", "2", "2d")]
    [InlineData("tumbling [|30|] seconds", "30", "30s")]
    [InlineData("tumbling [|30|] sec", "30", "30s")]
    [InlineData("tumbling [|500|] milliseconds", "500", "500ms")]
    [InlineData("tumbling [|1|] week", "1", "1w")]
    [InlineData("tumbling [|1|] month", "1", "1mo")]
    [InlineData("tumbling [|10|] Minutes", "10", "10m")]
    [InlineData("hopping 1h step [|10|] minutes", "10", "10m")]
    [InlineData("tumbling 10m lateness [|5|] minutes", "5", "5m")]
    [InlineData("session [|5|] minutes max 1h", "5", "5m")]
    [InlineData("session 5m max [|1|] hour", "1", "1h")]
    public void A_duration_with_its_unit_spelt_out_says_how_it_is_written(string window, string number, string written)
    {
        // One error at the number: the word after it is not reported again, and the body is still checked.
        Binding.DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai A kW }\naggregate M window " + window + " {\n  A = avg(P)\n}",
            $"error DSL1001: Unexpected '{number}'; expected a duration (such as 10m). A duration is written with a short unit and no space: {written}.");
    }

    [Theory]
    [InlineData("merge M every 1m hold [|10|] minutes {\n  A = P\n}", "error DSL1001: Unexpected '10'; expected a duration (such as 10m). A duration is written with a short unit and no space: 10m.")]
    [InlineData("merge M every [|15|] mins {\n  A = P\n}", "error DSL1001: Unexpected '15'; expected a duration (such as 10m). A duration is written with a short unit and no space: 15m.")]
    // A setting's value may be a number: the number is what is wrong, and the unit after it is no second value.
    [InlineData("settings {\n  lateness [|30|] seconds\n}\nmerge M on P {\n  A = P\n}", "error DSL3040: The setting \"lateness\" takes a duration, e.g. lateness 5m. A duration is written with a short unit and no space: 30s.")]
    [InlineData("settings {\n  lateness [|30|] m\n}\nmerge M on P {\n  A = P\n}", "error DSL3040: The setting \"lateness\" takes a duration, e.g. lateness 5m. A duration is written without a space: 30m.")]
    [InlineData("settings {\n  idle [|2|] hours\n}\nmerge M on P {\n  A = P\n}", "error DSL3040: The setting \"idle\" takes a duration, e.g. idle 15m. A duration is written with a short unit and no space: 2h.")]
    [InlineData("settings {\n  lateness [|30|]\n}\nmerge M on P {\n  A = P\n}", "error DSL3040: The setting \"lateness\" takes a duration, e.g. lateness 5m.")]
    [InlineData("settings {\n  lateness [|1.5|] hours\n}\nmerge M on P {\n  A = P\n}", "error DSL3040: The setting \"lateness\" takes a duration, e.g. lateness 5m. A duration is a whole number of a unit, written with no space: 90m.")]
    [InlineData("merge M every 1m hold [|1.5|] h {\n  A = P\n}", "error DSL1001: Unexpected '1.5'; expected a duration (such as 10m). A duration is a whole number of a unit, written with no space: 90m.")]
    [InlineData("merge M every 1m hold [|99999999999|] minutes {\n  A = P\n}", "error DSL1001: Unexpected '99999999999'; expected a duration (such as 10m).")]
    public void A_duration_with_its_unit_spelt_out_is_one_error_in_a_rule_or_a_setting(string declarations, string message)
    {
        Binding.DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai A kW }\n" + declarations, message);
    }

    [Fact]
    public void Durations_with_their_units_spelt_out_are_all_reported_in_one_pass()
    {
        Binding.DiagnosticAssert.Reports("""
            job demo
            model M { ai P kW ai A kW ai B kW }
            aggregate M window tumbling [|10|] min {
              A = avg([|Pw|])
            }
            merge M every [|1|] hour hold [|2|] hours {
              B = P
            }
            """, """
            error DSL1001: Unexpected '10'; expected a duration (such as 10m). A duration is written with a short unit and no space: 10m.
            error DSL2003: The point "Pw" is not declared in model "M". Did you mean "P"?
            error DSL1001: Unexpected '1'; expected a duration (such as 10m). A duration is written with a short unit and no space: 1h.
            error DSL1001: Unexpected '2'; expected a duration (such as 10m). A duration is written with a short unit and no space: 2h.
            """);
    }

    [Fact]
    public void A_duration_written_with_a_space_is_reported_beside_the_other_errors_of_the_file()
    {
        Binding.DiagnosticAssert.Reports("""
            job demo
            model M { ai P kW ai A kW ai B kW }
            aggregate M window tumbling [|10|] m {
              A = avg([|Pw|])
            }
            merge M every 1m hold [|10|] m {
              B = P [|$|] 2
            }
            """, """
            error DSL1001: Unexpected '10'; expected a duration (such as 10m). A duration is written without a space: 10m.
            error DSL2003: The point "Pw" is not declared in model "M". Did you mean "P"?
            error DSL1001: Unexpected '10'; expected a duration (such as 10m). A duration is written without a space: 10m.
            error DSL1002: The character '$' is not valid here.
            """);
    }

    [Theory]
    [InlineData("emit early [|5m|]", "error DSL1009: Expected 'every' after 'early'.")]
    [InlineData("emit final every [|{|]", "error DSL1001: Unexpected '{'; expected a duration (such as 10m).")]
    [InlineData("emit early every [|{|]", "error DSL1001: Unexpected '{'; expected a duration (such as 10m).")]
    public void An_emit_period_without_every_or_every_without_period_is_one_syntax_error(string emit, string message)
    {
        // Not also DSL3033 (early needs a period) or DSL3034 (only early takes one).
        var header = emit.EndsWith("{|]", StringComparison.Ordinal) ? emit : emit + " {";
        Binding.DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai A kW }\naggregate M window tumbling 10m " + header + "\n  A = avg(P)\n}\n", message);
    }

    [Theory]
    [InlineData("merge Turbine on Power {\n  Turbine[|::|]Out = Power\n  B = Power\n}")]
    [InlineData("aggregate Turbine window tumbling 10m {\n  Turbine[|::|]Out = avg(Power)\n  B = max(Power)\n}")]
    public void An_output_named_with_its_model_is_one_error_and_the_model_is_not_looked_up_as_a_point(string rule)
    {
        // Not also "The point Turbine is not declared": the name after '::' is the output.
        Binding.DiagnosticAssert.Reports("job demo\nmodel Turbine { ai Power kW ai Out kW ai B kW }\n" + rule + "\n",
            "error DSL1001: Unexpected '::'; expected '='. An output is named without its model: write \"Out = …\".");
    }

    [Fact]
    public void An_energy_output_named_with_its_model_is_one_error_and_the_model_is_not_looked_up_as_a_point() =>
        // As for an aggregate's output: not also "The point Site is not declared" for each.
        Binding.DiagnosticAssert.Reports("""
            job demo
            settings { timezone "UTC" }
            model Site { pi Meter kWh pi Daily kWh pi Quarter kWh }
            energy Site from Meter by meter {
              slope [0, 10]
              daily Site[|::|]Daily
              every 15m Site[|::|]Quarter
            }
            """,
            """
            error DSL1001: Unexpected '::'; expected an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'. An output is named without its model: write "daily Daily".
            error DSL1001: Unexpected '::'; expected an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'. An output is named without its model: write "every 15m Quarter".
            """);

    [Theory]
    [InlineData("merge M on Power {\n  Out = [|\"a|]\n  B = Power\n}", "error DSL1003: The string is not closed; add a '\"' before the end of the line.")]
    [InlineData("merge M on Power {\n  Out = Power in [0, 5[||]\n  B = Power\n}", "error DSL1009: Expected ')' or ']' after '5'.")]
    [InlineData("aggregate M window tumbling 10m {\n  Out = avg(Power) where [|\"a|]\n  B = avg(Power)\n}", "error DSL1003: The string is not closed; add a '\"' before the end of the line.")]
    [InlineData("aggregate M window tumbling 10m {\n  Out = avg(Power) where Power in [0, 5[||]\n  B = avg(Power)\n}", "error DSL1009: Expected ')' or ']' after '5'.")]
    public void A_value_that_failed_to_parse_gets_no_type_error(string rule, string message)
    {
        // Not also DSL3006 (a string or bool value for a double point) or DSL3001 (a condition that is not bool).
        Binding.DiagnosticAssert.Reports("job demo\nmodel M { ai Power kW ai Out kW ai B kW }\n" + rule + "\n", message);
    }

    [Theory]
    [InlineData("10M")]
    [InlineData("10H")]
    [InlineData("1d2h")]
    [InlineData("1year")]
    // No duration to propose: a fraction of a month has no fixed length, a ten-thousandth of a
    // second is no whole number of milliseconds, and 99999999999 minutes is longer than 100 years.
    [InlineData("1.5mo")]
    [InlineData("0.0001s")]
    [InlineData("99999999999min")]
    public void A_number_run_into_letters_where_a_duration_is_expected_is_an_invalid_duration(string size)
    {
        SyntaxAssert.Reports("aggregate M window tumbling [|" + size + "|] { A = avg(P) }",
            "error DSL1007: The duration '" + size + "' is not valid; write an integer followed by ms, s, m, h, d, w or mo, with no space.");
    }

    [Theory]
    [InlineData("10min", "10m")]
    [InlineData("15mins", "15m")]
    [InlineData("10minutes", "10m")]
    [InlineData("1hour", "1h")]
    [InlineData("2hrs", "2h")]
    [InlineData("30sec", "30s")]
    [InlineData("30seconds", "30s")]
    [InlineData("500msec", "500ms")]
    [InlineData("1day", "1d")]
    [InlineData("2weeks", "2w")]
    [InlineData("1month", "1mo")]
    [InlineData("10Min", "10m")]
    // A fraction: the same length in the longest unit of which it is a whole number.
    [InlineData("1.5h", "90m")]
    [InlineData("0.5h", "30m")]
    [InlineData("2.5d", "60h")]
    [InlineData("1.5min", "90s")]
    [InlineData("0.25s", "250ms")]
    [InlineData("1.0h", "1h")]
    public void A_duration_with_its_unit_spelt_out_and_no_space_proposes_the_short_unit(string size, string written)
    {
        SyntaxAssert.Reports("aggregate M window tumbling [|" + size + "|] { A = avg(P) }",
            "error DSL1007: The duration '" + size + "' is not valid; write an integer followed by ms, s, m, h, d, w or mo, with no space. Did you mean \"" + written + "\"?");
    }

    [Fact]
    public void A_number_run_into_letters_where_a_number_is_expected_stays_an_invalid_number()
    {
        SyntaxAssert.Reports("merge M on P { A = [|10M|] }", "error DSL1006: The number '10M' is not valid.");
    }

    [Fact]
    public void A_number_with_a_leading_dot_says_to_write_the_zero()
    {
        SyntaxAssert.Reports("merge M on P { A = P + [|.|]5 }", "error DSL1002: The character '.' is not valid here. A number starts with a digit: write 0.5.");
    }
}
