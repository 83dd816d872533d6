namespace Dsl.Compiler.Tests.Binding;

public sealed class NameBindingTests
{
    [Fact]
    public void Unknown_point_is_reported_with_the_closest_name()
    {
        DiagnosticAssert.Reports("""
            job demo
            model WindTurbine {
              ai ActivePower kW
              ai ActivePowerAvg10m kW
            }
            aggregate WindTurbine window tumbling 10m {
              ActivePowerAvg10m = avg([|ActivePwr|])
            }
            """,
            """
            error DSL2003: The point "ActivePwr" is not declared in model "WindTurbine". Did you mean "ActivePower"?
            """);
    }

    [Fact]
    public void Unknown_point_without_a_close_name_says_to_declare_it()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai Power kW
              ai Out kW
            }
            merge M on Power {
              Out = [|Xyzzy|] * 2
            }
            """,
            """
            error DSL2003: The point "Xyzzy" is not declared in model "M". Declare it in model "M" or correct the name.
            """);
    }

    [Fact]
    public void A_misspelt_output_is_not_said_to_mean_its_merges_trigger_or_a_status_point()
    {
        // The trigger and the status point are one edit from the misspelt name, the writable point two.
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai ReactivePower kvar
              di ReactivePow
              ai ReactivePowers kvar
            }
            merge M on ReactivePower {
              [|ReactivePowr|] = ReactivePower / 1000
            }
            """,
            """
            error DSL2003: The point "ReactivePowr" is not declared in model "M". Did you mean "ReactivePowers"?
            """);
    }

    [Fact]
    public void A_misspelt_output_is_not_said_to_mean_a_point_the_job_writes_already_or_the_rule_reads()
    {
        // Power, PowerMax, Energy15 and Energy15x are closer to the misspelt names than the points
        // free to write, but would be an output twice (Energy15 by a rule further down), a rule
        // reading its own output, or energy in an ai point.
        DiagnosticAssert.Reports("""
            job demo
            settings { timezone "UTC" }
            model M {
              ai Power kW
              pi Meter kWh
              ai PowerMax kW
              ai PowerMaxes kW
              ai PowerPeak kW
              pi Energy15 kWh
              ai Energy15x kWh
              pi Energy15min kWh
              pi DailyEnergy kWh
            }
            aggregate M window tumbling 10m {
              [|PowerMa|] = avg(Power)
              PowerMax = max(Power)
            }
            aggregate M window tumbling 1h {
              [|Powe|] = max(Power)
            }
            energy M from Meter by meter {
              every 15m [|Energy15n|]
              daily DailyEnergy
            }
            merge M on Meter {
              Energy15 = Power
            }
            """,
            """
            error DSL2003: The point "PowerMa" is not declared in model "M". Did you mean "PowerMaxes"?
            error DSL2003: The point "Powe" is not declared in model "M". Did you mean "PowerPeak"?
            error DSL2003: The point "Energy15n" is not declared in model "M". Did you mean "Energy15min"?
            """);
    }

    [Fact]
    public void A_misspelt_point_a_rule_reads_is_not_said_to_mean_an_output_of_that_rule()
    {
        // EnergyCost15m is the closer name, but a rule cannot read its own output.
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai Power kW
              ai Energy15minutes kWh
              ai EnergyCost15m EUR
              ai Total EUR
            }
            merge M on Power {
              EnergyCost15m = [|Energy15m|] * 2
            }
            merge M on Power {
              Total = [|EnergyCost15n|] * 2
            }
            """,
            """
            error DSL2003: The point "Energy15m" is not declared in model "M". Did you mean "Energy15minutes"?
            error DSL2003: The point "EnergyCost15n" is not declared in model "M". Did you mean "EnergyCost15m"?
            """);
    }

    [Fact]
    public void A_suggested_name_that_needs_backticks_is_shown_in_them()
    {
        // `where` is a reserved word and `Meter Total` has a space: neither can be written bare.
        DiagnosticAssert.Reports("""
            job demo
            model Meter {
              pi `where` kWh
              pi `Meter Total` kWh
              ai Out kW
            }
            model `my model` {
              ai Power kW
            }
            merge Meter on [|wher|] {
              Out = [|`Meter Totl`|] * 2
            }
            merge [|my_modl|] on Power {
              Out = Power
            }
            merge [|Other|] on Power {
              Out = Power
            }
            """,
            """
            error DSL2003: The point "wher" is not declared in model "Meter". Did you mean "`where`"?
            error DSL2003: The point "Meter Totl" is not declared in model "Meter". Did you mean "`Meter Total`"?
            error DSL2001: The model "my_modl" is not declared. Did you mean "`my model`"?
            error DSL2001: The model "Other" is not declared. Declare it with "model Other { … }" or import the file that declares it.
            """);
    }

    [Fact]
    public void A_qualified_name_to_write_instead_is_shown_in_backticks_where_it_needs_them()
    {
        DiagnosticAssert.Reports("""
            job demo
            model `Meter A` {
              pi `where` kWh
              ai Power kW
              ai Out kW
            }
            model B {
              pi `where` kWh
            }
            merge `Meter A` on Power {
              Out = [|B|]::`where` * 2
            }
            """,
            """
            error DSL2015: "B::where" names model "B", but this rule works on model "Meter A". A rule reads and writes only points of its own model; write "`Meter A`::`where`" or just "`where`".
            """);
    }

    [Fact]
    public void Three_independent_errors_in_one_file_are_all_reported_with_positions_and_codes()
    {
        DiagnosticAssert.Reports("""
            job demo
            settings {
              [|latenes|] 5m
            }
            model M {
              ai Power kW
              ai Out kW
              ai Out2 kW
            }
            aggregate [|N|] window tumbling 10m {
              Out = avg(Power)
            }
            merge M on Power {
              Out2 = [|sqr|](Power)
            }
            """,
            """
            error DSL2010: The setting "latenes" does not exist. Did you mean "lateness"?
            error DSL2001: The model "N" is not declared. Did you mean "M"?
            error DSL2006: The function "sqr" does not exist. Did you mean "sqrt"?
            """);
    }

    [Fact]
    public void An_unknown_model_keeps_the_rule_body_quiet()
    {
        DiagnosticAssert.Reports("""
            job demo
            model Turbine {
              ai Power kW
            }
            aggregate [|Turbin|] window tumbling 10m {
              NoSuchOutput = avg(NoSuchPoint)
              Other = nosuchfunction(Whatever)
            }
            """,
            """
            error DSL2001: The model "Turbin" is not declared. Did you mean "Turbine"?
            """);
    }

    [Fact]
    public void An_unknown_point_inside_an_expression_does_not_cascade_into_type_errors()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai Power kW
              generic Flag: bool
            }
            merge M on Power {
              Flag = sqrt([|Powr|] + 1) > 2 && !([|Pwer|] * 3)
            }
            """,
            """
            error DSL2003: The point "Powr" is not declared in model "M". Did you mean "Power"?
            error DSL2003: The point "Pwer" is not declared in model "M". Did you mean "Power"?
            """);
    }

    [Fact]
    public void Duplicate_models_and_members_are_reported_at_the_second_declaration()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai Power kW
              attribute [|Power|] = 1
            }
            model [|M|] {
              ai Speed rpm
            }
            """,
            """
            error DSL2005: The name "Power" is already declared in model "M" at line 3. Points and attributes of a model need distinct names; rename one of them.
            error DSL2002: The model "M" is already declared at line 2. Rename or remove one of them.
            """);
    }

    [Fact]
    public void A_duplicate_member_of_a_model_without_a_name_is_reported_without_an_empty_name()
    {
        DiagnosticAssert.Reports("""
            job demo
            model [|{|]
              ai Power kW
              ai [|Power|] W
            }
            """,
            """
            error DSL1009: Expected a model name after 'model'.
            error DSL2005: The name "Power" is already declared in this model at line 3. Points and attributes of a model need distinct names; rename one of them.
            """);
    }

    [Theory]
    [InlineData("Out = P / [|RatedPowr|]", "error DSL2003: The point or attribute \"RatedPowr\" is not declared in model \"M\". Did you mean the attribute \"RatedPower\"?")]
    [InlineData("Out = [|Powr|] * 2", "error DSL2003: The point or attribute \"Powr\" is not declared in model \"M\". Did you mean the point \"Power\"?")]
    [InlineData("Out = [|Xyzzy|]", "error DSL2003: The point or attribute \"Xyzzy\" is not declared in model \"M\". Declare it in model \"M\" or correct the name.")]
    public void An_unknown_name_where_points_and_attributes_are_allowed_says_which_kind_the_suggestion_is(string output, string message)
    {
        // A model with attributes: the name could have meant either.
        DiagnosticAssert.Reports("job demo\nmodel M {\n  ai P kW\n  ai Power kW\n  ai Out kW\n  attribute RatedPower: double = 3000 kW\n}\nmerge M on P {\n  " + output + "\n}\n", message);
    }

    [Fact]
    public void An_unknown_name_in_an_aggregate_condition_suggests_an_attribute_as_an_attribute()
    {
        var compilation = TestCompiler.Compile("job demo\nmodel M {\n  ai P kW\n  ai Avg kW\n  attribute Limit: double = 5\n}\n"
            + "aggregate M window tumbling 10m {\n  Avg = avg(P) where P < Limt\n}\n");

        var diagnostic = Assert.Single(compilation.GetDiagnostics());
        Assert.Equal("error DSL2003: The point or attribute \"Limt\" is not declared in model \"M\". Did you mean the attribute \"Limit\"?", TestCompiler.Describe(diagnostic));
        // What an editor puts in place of the name: the name alone, not its kind.
        Assert.Equal("Limit", diagnostic.Suggestion);
    }

    [Fact]
    public void A_misspelt_name_of_100000_characters_is_reported_as_unknown_not_as_an_internal_error()
    {
        // Comparing two names of 100,000 characters by edit distance would need a table of 10^10 cells.
        var declared = new string('Q', 100_000);
        var misspelt = new string('Q', 99_999) + "R";
        var compilation = TestCompiler.Compile($"job demo\nmodel M {{\n  ai {declared} kW\n  ai P kW\n  ai `q` kW\n}}\n"
            + $"merge M on P {{\n  {declared} = {misspelt}\n}}\nmerge M on P {{\n  q = {declared.ToLowerInvariant()}\n}}\n");

        Assert.Collection(compilation.GetDiagnostics(),
            d => Assert.Equal($"error DSL2003: The point \"{misspelt}\" is not declared in model \"M\". Declare it in model \"M\" or correct the name.", TestCompiler.Describe(d)),
            // A difference in case alone is still found.
            d => Assert.EndsWith($" is not declared in model \"M\". Did you mean \"{declared}\"?", d.Message));
    }

    [Fact]
    public void A_rule_on_a_model_declared_twice_is_checked_against_the_first_declaration()
    {
        // DSL2002 points to the first declaration; the rule's own mistakes are still reported.
        DiagnosticAssert.Reports("""
            job demo
            model Turbine { ai Power kW ai Out kW di Status: int }
            model [|Turbine|] { ai Speed rpm }
            merge Turbine on Power { [|Status|] = [|Pwr|] }
            merge Turbine on [|Speed|] { Out = Power }
            """,
            """
            error DSL2002: The model "Turbine" is already declared at line 2. Rename or remove one of them.
            error DSL3016: The point "Status" is a di (status) point, which is input-only. Declare the output as an ai, pi or generic point.
            error DSL2003: The point "Pwr" is not declared in model "Turbine". Did you mean "Power"?
            error DSL2003: The point "Speed" is not declared in model "Turbine". Declare it in model "Turbine" or correct the name.
            """);
    }

    [Fact]
    public void A_generic_point_needs_a_type()
    {
        // It has no default type; a rule that reads it is not checked against a guessed double.
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai P kW
              generic [|Mode|]
              generic Level: int
              generic Name: string
            }
            merge M on P { Level = Mode + 1  Name = Mode }
            """,
            """
            error DSL3060: The generic point "Mode" needs a type, since a generic point can hold any kind of value; write it as "generic Mode: double" (or long, int, bool, string).
            """);
    }

    [Fact]
    public void A_qualified_point_must_name_the_rules_own_model()
    {
        DiagnosticAssert.Reports("""
            job demo
            model A {
              ai Power kW
              ai Out kW
            }
            model B {
              ai Power kW
            }
            merge A on A::Power {
              Out = [|B|]::Power + A::Power
            }
            """,
            """
            error DSL2015: "B::Power" names model "B", but this rule works on model "A". A rule reads and writes only points of its own model; write "A::Power" or just "Power".
            """);
    }

    [Fact]
    public void A_point_of_another_model_that_the_rules_model_lacks_is_not_offered_as_its_own()
    {
        // "write Pump::Level" would only trade this error for an unknown point: Pump has no Level.
        DiagnosticAssert.Reports("""
            job demo
            model Pump {
              ai Flow kW
              ai Levels m
              ai Ratio
            }
            model Tank {
              ai Level m
              ai Volume m3
            }
            merge Pump on Flow {
              Ratio = Flow / [|Tank|]::Level + [|Tank|]::Volume
            }
            """,
            """
            error DSL2015: "Tank::Level" names model "Tank", but this rule works on model "Pump". A rule reads and writes only points of its own model, and "Pump" has no "Level". Did you mean "Levels"?
            error DSL2015: "Tank::Volume" names model "Tank", but this rule works on model "Pump". A rule reads and writes only points of its own model, and "Pump" has no "Volume": read it in a rule on model "Tank".
            """);
    }

    [Fact]
    public void Not_written_as_a_function_is_told_the_operator()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M { ai P kW ai Out kW }
            merge M on P {
              Out = if [|not|](P > 0) then 1 else 0
            }
            """,
            "error DSL2006: The function \"not\" does not exist. Negation is the operator \"!\": write \"!(…)\".");
    }

    /// <summary>
    /// Names other languages use get our function of the same meaning, not the nearest spelling:
    /// "median" for <c>mean</c> would compile into a different statistic.
    /// </summary>
    [Fact]
    public void Functions_named_as_other_languages_name_them_are_told_ours()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M { ai P kW ai A kW ai B kW ai C kW ai D kW ai Out kW }
            aggregate M window tumbling 10m {
              A = [|mean|](P)
              B = [|average|](P)
              C = [|total|](P)
              D = [|quantile|](P, 95)
            }
            merge M on P {
              Out = [|log|](P) + [|absolute|](P)
            }
            """,
            """
            error DSL2007: "mean" is not an aggregate function. Did you mean "avg"?
            error DSL2007: "average" is not an aggregate function. Did you mean "avg"?
            error DSL2007: "total" is not an aggregate function. Did you mean "sum"?
            error DSL2007: "quantile" is not an aggregate function. The percentile is "percentile", whose rank is from 0 to 100: quantile(x, 0.95) is percentile(x, 95).
            error DSL2006: The function "log" does not exist. The natural logarithm is "ln", the base-10 one "log10".
            error DSL2006: The function "absolute" does not exist. Did you mean "abs"?
            """);
    }

    /// <summary>
    /// Other languages spell their functions in capitals too (Excel's AVERAGE, Mean): the synonym
    /// holds in any case, where the nearest spelling would be "median" for Mean and "log10" for Log.
    /// </summary>
    [Fact]
    public void Functions_named_as_other_languages_name_them_are_told_ours_in_any_case()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M { ai P kW ai A kW ai B kW ai Out kW }
            aggregate M window tumbling 10m {
              A = [|Mean|](P)
              B = [|AVERAGE|](P)
            }
            merge M on P {
              Out = [|Log|](P) + [|Absolute|](P)
            }
            """,
            """
            error DSL2007: "Mean" is not an aggregate function. Did you mean "avg"?
            error DSL2007: "AVERAGE" is not an aggregate function. Did you mean "avg"?
            error DSL2006: The function "Log" does not exist. The natural logarithm is "ln", the base-10 one "log10".
            error DSL2006: The function "Absolute" does not exist. Did you mean "abs"?
            """);
    }

    /// <summary>
    /// A point written where an aggregate output's function goes, with no function (`Out = Power`,
    /// `Out2 = Power * 2`): one error per output that says the word is a point and how to aggregate
    /// it, not "not an aggregate function" beside "expected '('" for one and a lone "expected '('"
    /// for the other. A bool point is not averaged.
    /// </summary>
    [Fact]
    public void A_point_written_without_an_aggregate_function_is_one_error_that_says_how_to_aggregate_it()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M { ai P kW di Running: bool ai Out kW ai Out2 kW ai Out3 kW }
            aggregate M window tumbling 10m {
              Out = [|P|]
              Out2 = [|P|] * 2 where P > 0
              Out3 = [|Running|]
            }
            """,
            """
            error DSL2007: "P" is not an aggregate function. It is a point of model "M": an aggregate output applies an aggregate function to a point, as in "Out = avg(P)".
            error DSL2007: "P" is not an aggregate function. It is a point of model "M": an aggregate output applies an aggregate function to a point, as in "Out2 = avg(P * 2)".
            error DSL2007: "Running" is not an aggregate function. It is a point of model "M": an aggregate output applies an aggregate function to a point, as in "Out3 = last(Running)".
            """);
    }

    /// <summary>A syntax error before the word where the function goes makes that word a guess: the syntax error is the one error.</summary>
    [Theory]
    [InlineData("[|-|]P", "'-'")]
    [InlineData("[|(|]P)", "'('")]
    [InlineData("[|(|]avg(P))", "'('")]
    public void A_value_that_a_syntax_error_starts_is_that_one_error_not_also_an_unknown_function(string value, string token) =>
        DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai Out kW }\naggregate M window tumbling 10m {\n  Out = " + value + "\n}\n",
            $"error DSL1001: Unexpected {token}; expected an aggregate function (such as avg, max or count).");

    [Fact]
    public void A_point_without_a_function_at_the_end_of_an_unclosed_block_leaves_the_missing_brace_reported() =>
        DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai Out kW }\naggregate M window tumbling 10m {\n  Out = [|P|][||]",
            """
            error DSL2007: "P" is not an aggregate function. It is a point of model "M": an aggregate output applies an aggregate function to a point, as in "Out = avg(P)".
            error DSL1010: Expected '}' to close the '{' on line 3.
            """);

    /// <summary>
    /// The other words that can stand without a '(' where the function goes: an aggregate function
    /// (its argument left out) and a word that is neither a function nor a point. One error each.
    /// </summary>
    [Theory]
    [InlineData("Out = avg[||] * 2", "error DSL1009: Expected '(' after the aggregate function \"avg\".")]
    [InlineData("Out = [|mean|]", "error DSL2007: \"mean\" is not an aggregate function. Did you mean \"avg\"?")]
    [InlineData("Out = [|Frobnicate|] + 1", "error DSL2007: \"Frobnicate\" is not an aggregate function. Use count, sum, avg, min, max, first, last, stddev, variance, median, percentile, spread, delta, twa or integral.")]
    public void A_word_without_its_call_where_an_aggregate_function_goes_is_one_error(string output, string message)
    {
        DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai Out kW }\naggregate M window tumbling 10m {\n  " + output + "\n}\n", message);
    }

    /// <summary>
    /// A word followed by another where the function goes (`Out = P Q`) is no aggregate function,
    /// and the missing '(' does not call it one.
    /// </summary>
    [Fact]
    public void A_missing_parenthesis_after_a_word_that_is_no_aggregate_function_does_not_call_it_one() =>
        DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai Out kW }\naggregate M window tumbling 10m {\n  Out = [|P|] [|Out|]\n}\n",
            """
            error DSL2007: "P" is not an aggregate function. Use count, sum, avg, min, max, first, last, stddev, variance, median, percentile, spread, delta, twa or integral.
            error DSL1009: Expected '(' after 'P'.
            """);

    /// <summary>
    /// A quantile's rank is a fraction and a percentile's a percentage: "quantile" put in place by a
    /// quick fix would keep the 0.95 and compile into the 0.95th percentile, near the minimum.
    /// </summary>
    [Fact]
    public void Quantile_gets_no_replacement_that_would_keep_its_fraction_as_a_percentage()
    {
        var diagnostic = Assert.Single(TestCompiler.Compile("""
            job demo
            model M { ai P kW ai A kW }
            aggregate M window tumbling 10m {
              A = quantile(P, 0.95)
            }
            """).GetDiagnostics());
        Assert.Equal("DSL2007", diagnostic.Code);
        Assert.Null(diagnostic.Suggestion);
        Assert.Contains("percentile(x, 95)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_qualifier_that_is_no_model_is_an_unknown_model_with_a_suggestion()
    {
        DiagnosticAssert.Reports("""
            job demo
            model Turbine {
              ai Power kW
              ai Out kW
              ai Other kW
            }
            merge Turbine on Power {
              Out = [|Turbin|]::Power
              Other = [|X|]::Power
            }
            """,
            """
            error DSL2001: The model "Turbin" is not declared. Did you mean "Turbine"?
            error DSL2001: The model "X" is not declared. This rule works on model "Turbine"; write "Turbine::Power" or just "Power".
            """);
    }

    [Fact]
    public void Contextual_words_are_checked_with_a_suggestion()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M {
              [|analog|] Power kW
              ai Out: [|dbl|] kW
            }
            aggregate M window tumbling 10m emit [|finl|] {
              Out = avg(Power)
            }
            """,
            """
            error DSL2008: "analog" is not a valid point kind. Use ai, di, pi or generic.
            error DSL2008: "dbl" is not a valid type. Did you mean "double"?
            error DSL2008: "finl" is not a valid emit mode. Did you mean "final"?
            """);
    }

    [Fact]
    public void An_output_written_twice_is_reported_once_per_extra_write()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai Power kW
              ai Out kW
            }
            aggregate M window tumbling 10m {
              Out = avg(Power)
              [|Out|] = max(Power)
            }
            merge M on Power {
              [|Out|] = Power
            }
            """,
            """
            error DSL2017: The point "Out" is already an output of this rule at line 7. Remove one of the two.
            error DSL3015: The point "Out" is already written by the aggregate rule at line 6. A point can be the output of only one rule.
            """);
    }

    [Fact]
    public void Unused_points_and_models_are_warnings_only_in_an_error_free_job()
    {
        DiagnosticAssert.Reports("""
            job demo
            settings {
              timezone "UTC"
            }
            model M {
              ai Power kW
              ai [|Spare|] kW
              ai Out kW
            }
            model [|Other|] {
              ai X kW
            }
            merge M on Power {
              Out = Power
            }
            """,
            """
            warning DSL2018: The point "Spare" of model "M" is not read or written by any rule of the job. Use it in a rule or remove it.
            warning DSL2019: The model "Other" is not used by any rule of the job. Use it in a rule, or move it to a model library.
            """);

        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai Power kW
              ai Spare kW
              ai Out kW
            }
            merge M on Power {
              Out = [|Powr|]
            }
            """,
            """
            error DSL2003: The point "Powr" is not declared in model "M". Did you mean "Power"?
            """);
    }
}
