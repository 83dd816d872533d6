namespace Dsl.Compiler.Tests.Binding;

public sealed class StreamRuleTests
{
    /// <summary>A job with a time zone and model M (inputs Power, Reactive, Status; outputs Out, Out2).</summary>
    internal const string Model = """
        job demo
        settings {
          timezone "Europe/Berlin"
        }
        model M {
          ai Power kW
          ai Reactive kvar
          di Status: int
          ai Out kW
          ai Out2 kW
        }

        """;

    [Fact]
    public void An_aggregate_argument_reads_exactly_one_point()
    {
        DiagnosticAssert.Reports(Model + """
            aggregate M window tumbling 10m {
              Out = avg([|Power + Reactive|])
              Out2 = count([|1|])
            }
            """,
            """
            error DSL3011: The argument of avg() must read exactly one point (plus attributes and constants), but it reads "Power" and "Reactive".
            error DSL3011: The argument of count() must read exactly one point (plus attributes and constants), but it reads no point.
            """);
    }

    [Fact]
    public void Percentile_fill_and_where_follow_the_aggregate_rules()
    {
        DiagnosticAssert.Reports(Model + """
            aggregate M window tumbling 10m {
              Out = percentile(Power, [|101|])
              Out2 = avg(Power) fill [|0|]
              Reactive = max(Power) where [|Status == 1|]
            }
            """,
            """
            error DSL3012: The percentile must be a constant number from 0 to 100, e.g. percentile(x, 95).
            error DSL3013: fill applies only to count; avg() emits nothing for an empty window. Remove the fill.
            error DSL3014: The where condition reads "Status", but the output aggregates "Power". A where condition may read only the aggregated point (plus attributes and constants).
            """);
    }

    [Fact]
    public void A_fill_without_its_value_is_one_error_even_on_an_output_that_takes_no_fill()
    {
        DiagnosticAssert.Reports(Model + """
            aggregate M window tumbling 10m {
              Out = max(Power) fill[||]
              Out2 = count(Power) fill[||]
            }
            """,
            """
            error DSL1009: Expected an expression after 'fill'.
            error DSL1009: Expected an expression after 'fill'.
            """);
    }

    [Fact]
    public void First_and_last_take_numbers_and_bools_and_count_takes_any_point()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M {
              generic Label: string
              generic Running: bool
              generic FirstLabel: string
              generic LastLabel: string
              generic LastRunning: bool
              ai Labels: long
            }
            aggregate M window tumbling 10m {
              FirstLabel = first([|Label|])
              LastLabel = last([|Label|])
              LastRunning = last(Running)
              Labels = count(Label)
            }
            """,
            """
            error DSL3004: Argument 1 of first() has type string, but it must be a number or a bool.
            error DSL3004: Argument 1 of last() has type string, but it must be a number or a bool.
            """);
    }

    [Fact]
    public void A_fill_value_must_fit_the_point_it_is_written_to()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai Power kW
              ai Whole: long
              ai Small: int
              ai Any
              ai Negative: long
              ai Largest: long
              ai LargestHeld: long
            }
            aggregate M window tumbling 10m {
              Whole = count(Power) fill [|1.5|]
              Small = count(Power) fill [|3000000000|]
              Any = count(Power) fill [|1 / 0|]
              Negative = count(Power) fill -1
              Largest = count(Power) fill [|9223372036854775807|]
              LargestHeld = count(Power) fill 9223372036854774784
            }
            """,
            """
            error DSL3054: fill 1.5 cannot be written to the point "Whole" of type long; give a whole number from -9223372036854775808 to 9223372036854774784 (values are held as doubles).
            error DSL3054: fill 3000000000 cannot be written to the point "Small" of type int; give a whole number from -2147483648 to 2147483647.
            error DSL3054: fill NaN cannot be written to the point "Any" of type double; give a finite number.
            error DSL3054: fill 9223372036854775807 cannot be written to the point "Largest" of type long; give a whole number from -9223372036854775808 to 9223372036854774784 (values are held as doubles).
            """);
    }

    [Fact]
    public void A_fill_that_does_not_fit_is_reported_even_when_the_argument_has_an_error()
    {
        // Whether the fill fits depends on the output point alone.
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai Power kW
              ai Cnt: long
            }
            aggregate M window tumbling 10m {
              Cnt = count([|Pwr|]) fill [|1.5|]
            }
            """,
            """
            error DSL2003: The point "Pwr" is not declared in model "M". Did you mean "Power"?
            error DSL3054: fill 1.5 cannot be written to the point "Cnt" of type long; give a whole number from -9223372036854775808 to 9223372036854774784 (values are held as doubles).
            """);
    }

    private const string Outputs = """
        job demo
        settings {
          timezone "Europe/Berlin"
        }
        model M {
          ai Power kW
          ai O1 kW
          ai O2 kW
          ai O3 kW
          ai O4 kW
          ai O5 kW
          ai O6 kW
          ai O7 kW
          ai O8 kW
          ai O9 kW
        }

        """;

    [Fact]
    public void Window_lengths_are_checked()
    {
        DiagnosticAssert.Reports(Outputs + """
            aggregate M window tumbling [|0m|] { O1 = avg(Power) }
            aggregate M window tumbling [|2d|] { O2 = avg(Power) }
            aggregate M window hopping 10m step [|15m|] { O3 = avg(Power) }
            aggregate M window hopping [|1h|] step 25m { O4 = max(Power) }
            aggregate M window hopping [|1d|] step 1h { O5 = max(Power) }
            aggregate M window tumbling 10m offset [|10m|] { O6 = max(Power) }
            aggregate M window session 30m max [|10m|] { O7 = min(Power) }
            aggregate M window tumbling 10m lateness [|1mo|] { O8 = min(Power) }
            aggregate M window tumbling [|3mo|] { O9 = first(Power) }
            """,
            """
            error DSL3024: The window size must be longer than zero.
            error DSL3025: The window size 2d is not a calendar length: calendar lengths are exactly 1d, 1w or 1mo. For a fixed length write it in hours: 48h.
            error DSL3027: The step 15m is longer than the window size 10m; make the step at most the size.
            error DSL3028: The window size 1h is not a multiple of the step 25m; choose a step that divides the size.
            error DSL3029: A hopping window's size and step are fixed lengths, written in hours or shorter units, but 1d is in days; write 24h, or use a tumbling window for local days.
            error DSL3030: The offset 10m must be shorter than the window size 10m.
            error DSL3031: The session max 10m must be longer than the gap 30m.
            error DSL3026: The lateness must be a fixed length, but a month varies; write it in days or hours.
            error DSL3025: The window size 3mo is not a calendar length: calendar lengths are exactly 1d, 1w or 1mo. Use 1mo, or a fixed length in hours: 90 days are 2160h.
            """);
    }

    [Fact]
    public void Emit_options_are_checked_against_the_window()
    {
        DiagnosticAssert.Reports(Outputs + """
            aggregate M window tumbling 10m emit early every [|10m|] { O1 = avg(Power) }
            aggregate M window tumbling 10m emit [|early|] { O2 = avg(Power) }
            aggregate M window tumbling 10m emit final every [|1m|] { O3 = avg(Power) }
            aggregate M window tumbling 10m [|hold 5m|] { O4 = avg(Power) }
            aggregate M window session 5m max 1h emit early every [|1h|] { O5 = avg(Power) }
            """,
            """
            error DSL3032: emit early every 10m must be shorter than the window 10m; otherwise no early result is ever emitted.
            error DSL3033: emit early needs a period: write "emit early every 1m".
            error DSL3034: Only emit early takes "every D"; remove it from emit final.
            error DSL3050: The hold option does not apply to aggregate rules; remove it.
            error DSL3032: emit early every 1h must be shorter than the window 1h; otherwise no early result is ever emitted.
            """);
    }

    [Fact]
    public void A_merge_trigger_may_not_be_its_own_output_and_a_short_hold_warns()
    {
        DiagnosticAssert.Reports(Model + """
            merge M on [|Out|] {
              Out = Power * 2
            }
            merge M every 10m hold [|5m|] {
              Out2 = Power
            }
            """,
            """
            error DSL3022: The trigger point "Out" is an output of this merge; trigger on one of its inputs instead.
            warning DSL3047: The hold 5m is shorter than the trigger period 10m, so a value written at one grid time may count as missing at the next. Make the hold at least 10m.
            """);
    }

    [Theory]
    [InlineData("merge M on P {\n}", "error DSL3064: The merge rule writes no point; add an output such as \"Name = expression\".")]
    [InlineData("aggregate M window tumbling 10m { // later\n}", "error DSL3064: The aggregate rule writes no point; add an output such as \"Name = avg(Point)\".")]
    public void A_rule_with_nothing_between_its_braces_is_an_error_at_its_keyword(string rule, string message) =>
        DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai A kW }\n[|" + rule[..rule.IndexOf(' ', StringComparison.Ordinal)] + "|]" + rule[rule.IndexOf(' ', StringComparison.Ordinal)..] + "\n", message);

    [Theory]
    [InlineData("merge M on P {\n  [|=|] P\n}", "error DSL1001: Unexpected '='; expected an output ('Name = expression') or '}'.")]
    [InlineData("aggregate M window tumbling 10m {\n  A [|avg|](P)\n}", "error DSL1009: Expected '=' after the output name \"A\".")]
    public void A_rule_whose_only_output_a_syntax_error_broke_is_that_error_alone(string rule, string message) =>
        DiagnosticAssert.Reports("job demo\nmodel M { ai P kW ai A kW }\n" + rule + "\n", message);

    [Fact]
    public void A_merge_every_that_reads_no_point_is_an_error_since_no_event_time_reaches_its_grid()
    {
        DiagnosticAssert.Reports("""
            job demo
            settings { timezone "Europe/Berlin" }
            model M {
              ai Power kW
              attribute Rated = 3000
              ai Tariff kW
              ai Limit kW
              ai Reads kW
              ai History kW
              ai Triggered kW
            }
            merge M every [|15m|] { Tariff = if hour() >= 8 then 1 else 0  Limit = Rated * 2 }
            merge M every 15m { Reads = hour() + Power }
            merge M every 15m { History = age(Power) }
            merge M on Power { Triggered = hour() }
            """,
            """
            error DSL3063: This merge every 15m reads no point, so it is never evaluated: its grid times pass as the event time of the points it reads advances. Read a point of model "M" in an output, or trigger the rule with "on POINT".
            """);
    }

    [Fact]
    public void A_hold_for_a_calendar_trigger_must_cover_its_longest_period_and_is_suggested_as_a_fixed_length()
    {
        // A local day lasts up to 25 hours (the DST change in autumn), a week 169 hours, a month
        // 31 days and an hour (745 hours); a hold cannot be written in months.
        DiagnosticAssert.Reports("""
            job demo
            settings { timezone "Europe/Berlin" }
            model M {
              ai Power kW
              ai Day kW
              ai Week kW
              ai Month kW
              ai MonthOk kW
            }
            merge M every 1d hold [|24h|] { Day = Power }
            merge M every 1w hold [|7d|] { Week = Power }
            merge M every 1mo hold [|30d|] { Month = Power }
            merge M every 1mo hold 745h { MonthOk = Power }
            """,
            """
            warning DSL3047: The hold 24h is shorter than the trigger period 1d, so a value written at one grid time may count as missing at the next. Make the hold at least 25h, the longest a local day can be.
            warning DSL3047: The hold 7d is shorter than the trigger period 1w, so a value written at one grid time may count as missing at the next. Make the hold at least 169h, the longest a local week can be.
            warning DSL3047: The hold 30d is shorter than the trigger period 1mo, so a value written at one grid time may count as missing at the next. Make the hold at least 745h, the longest a local month can be.
            """);
    }

    [Fact]
    public void Di_points_are_input_only_and_attributes_are_not_points()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai Power kW
              di Status: int
              attribute Rated = 1
            }
            merge M on [|Rated|] {
              [|Status|] = 1
              [|Rated|] = 2
            }
            """,
            """
            error DSL3051: "Rated" is an attribute of model "M", but the trigger must be a point; attributes are per-asset constants.
            error DSL3016: The point "Status" is a di (status) point, which is input-only. Declare the output as an ai, pi or generic point.
            error DSL3051: "Rated" is an attribute of model "M", but a rule output must be a point; attributes are per-asset constants.
            """);
    }

    [Fact]
    public void Energy_rules_check_source_targets_and_clauses()
    {
        DiagnosticAssert.Reports("""
            job demo
            settings {
              timezone "UTC"
            }
            model Meter {
              pi Total kWh
              ai Power kW
              ai NotPi kWh
              pi Daily kWh
              pi Interval kWh
            }
            energy Meter from [|Total|] by instant_power {
              [|slope|] [0, 100]
              daily Daily
            }
            energy Meter from Total by meter {
              daily [|NotPi|]
              scale 2
              [|scale|] 3
              [|missing|] last
              every 15m Interval
            }
            [|energy|] Meter from Power by average_power {
              lateness 5m
            }
            """,
            """
            error DSL3018: by instant_power reads a numeric ai point (power), but "Total" is a pi point of type double.
            error DSL3019: The slope clause applies only to by meter; remove it or change the method.
            error DSL3017: Energy is written to pi points of type double, but "NotPi" is an ai point of type double. Declare it as "pi NotPi kWh".
            error DSL3020: The scale clause is given more than once; keep one.
            error DSL3019: The missing clause applies only to by instant_power and by average_power; remove it or change the method.
            error DSL3021: The energy rule writes no point; add "daily TARGET" or "every D TARGET".
            """);
    }

    [Theory]
    [InlineData("[|monthly|] Daily", "error DSL1001: Unexpected 'monthly'; expected an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'. A monthly total is written every 1mo Daily.")]
    [InlineData("[|daly|] Daily", "error DSL1001: Unexpected 'daly'; expected an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'. Did you mean \"daily\"?")]
    [InlineData("slope [0, 100]\n  [|dailly|] Daily", "error DSL1001: Unexpected 'dailly'; expected an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'. Did you mean \"daily\"?")]
    [InlineData("[|Daily|] = daily", "error DSL1001: Unexpected 'Daily'; expected an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'. An energy output is written with its period first: daily Daily.")]
    public void An_output_line_that_a_syntax_error_broke_is_that_one_error_not_an_energy_rule_without_output(string body, string message)
    {
        // The output the line meant is unknown, not absent: DSL3021 would restate the syntax error.
        DiagnosticAssert.Reports(
            "job demo\nsettings { timezone \"UTC\" }\nmodel Meter { pi Total kWh pi Daily kWh }\nenergy Meter from Total by meter {\n  " + body + "\n}",
            message);
    }

    [Theory]
    [InlineData("scale 2 *\n  daily [|DayTotal|]", "an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'")]
    [InlineData("rollover 1000 +\n  daily [|DayTotal|]", "an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'")]
    [InlineData("slope [0,\n  daily [|DayTotal|]", "')' or ']'")]
    public void A_clause_left_open_at_the_end_of_its_line_is_one_error_not_an_unknown_attribute_named_like_the_next_clause(string body, string expected)
    {
        // The value read on into the next line took `daily` for a name; it is not looked up.
        DiagnosticAssert.Reports(
            "job demo\nsettings { timezone \"UTC\" }\nmodel Meter { pi Total kWh pi DayTotal kWh }\nenergy Meter from Total by meter {\n  " + body + "\n}",
            $"error DSL1001: Unexpected 'DayTotal'; expected {expected}.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  slope [0, 100]\n")]
    public void An_energy_body_without_daily_or_every_and_without_syntax_errors_still_writes_no_point(string body)
    {
        DiagnosticAssert.Reports(
            "job demo\nmodel Meter { pi Total kWh pi Daily kWh }\n[|energy|] Meter from Total by meter {" + body + "}",
            "error DSL3021: The energy rule writes no point; add \"daily TARGET\" or \"every D TARGET\".");
    }

    [Fact]
    public void Rules_that_depend_on_each_other_in_a_circle_are_one_cycle_error()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai Power kW
              ai A kW
              ai B kW
            }
            [|merge|] M on Power {
              A = B + Power
            }
            aggregate M window tumbling 10m {
              B = avg(A)
            }
            """,
            """
            error DSL3023: The rules form a cycle: merge M (line 7) writes "A" → aggregate M (line 10) writes "B" → read by merge M (line 7). A point cannot depend on itself; remove one of these dependencies.
            """);
    }

    [Fact]
    public void A_merge_block_that_reads_its_own_output_is_told_so_alongside_the_errors_of_its_other_outputs()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai A kW
              ai B kW
              ai C kW
              ai D
              ai E
            }
            [|merge|] M on A {
              B = A * 2
              C = B + 1
              D = age([|5|])
              E = A [|+|] "x"
            }
            """,
            """
            error DSL3061: The merge M (line 9) reads "B", which it writes itself. The outputs of a rule are computed together, from the values before the rule runs, so one output cannot read another; repeat the expression of "B" in place, or move the outputs that read it to a second rule, e.g. merge M on B { … }.
            error DSL3009: age() takes the name of a point of the rule's model, e.g. age(ActivePower).
            error DSL3002: The operator "+" cannot be applied to double and string. Both operands must be numbers.
            """);
    }

    [Fact]
    public void A_merge_block_that_reads_its_own_output_is_told_so_not_called_a_cycle()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai A kW
              ai B kW
              ai C kW
            }
            [|merge|] M on A {
              B = A * 2
              C = B + 1
            }
            """,
            """
            error DSL3061: The merge M (line 7) reads "B", which it writes itself. The outputs of a rule are computed together, from the values before the rule runs, so one output cannot read another; repeat the expression of "B" in place, or move the outputs that read it to a second rule, e.g. merge M on B { … }.
            """);

        // Split in two, it is a chain.
        DiagnosticAssert.Clean("""
            job demo
            model M {
              ai A kW
              ai B kW
              ai C kW
            }
            merge M on A { B = A * 2 }
            merge M on B { C = B + 1 }
            """);
    }

    [Fact]
    public void An_output_that_reads_its_own_value_is_told_to_read_other_points_not_to_repeat_itself()
    {
        // A running total written as Total = Total + P: repeating the expression or moving it to
        // a second rule would still read Total.
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai P kW
              ai Total kW
            }
            [|merge|] M on P {
              Total = Total + P
            }
            """,
            """
            error DSL3061: The merge M (line 6) reads "Total", which it writes itself. An output is computed from the rule's inputs, so "Total" cannot be computed from its own value; compute it from other points (a total over time is an aggregate such as sum in a window, or from a meter or power an energy rule).
            """);
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai P kW
              ai Peak kW
            }
            [|aggregate|] M window tumbling 10m {
              Peak = max(Peak)
            }
            """,
            """
            error DSL3061: The aggregate M (line 6) reads "Peak", which it writes itself. An output is computed from the rule's inputs, so "Peak" cannot be computed from its own value; compute it from other points (a total over time is an aggregate such as sum in a window, or from a meter or power an energy rule).
            """);
    }

    [Fact]
    public void Calendar_windows_without_a_time_zone_warn()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai Power kW
              ai Peak kW
              pi Total kWh
              pi Daily kWh
            }
            aggregate M window tumbling [|1d|] {
              Peak = max(Power)
            }
            energy M from Total by meter {
              slope [0, 500]
              [|daily Daily|]
            }
            """,
            """
            warning DSL3048: The job sets no timezone, so this 1d window follows UTC days for assets without a timezone of their own. Add timezone "…" to settings.
            warning DSL3048: The job sets no timezone, so this daily energy total follows UTC days for assets without a timezone of their own. Add timezone "…" to settings.
            """);
    }

    [Theory]
    [InlineData("hopping 96h step [|2d|]", "2d is in days; write 48h, or use a tumbling window for local days")]
    [InlineData("hopping [|2w|] step 1h", "2w is in weeks; write 336h, or use a tumbling window for local weeks")]
    [InlineData("hopping [|1mo|] step 1h", "1mo is in months; a month has no fixed length; use a tumbling window for local months")]
    public void A_hopping_window_in_days_weeks_or_months_gives_its_length_in_hours(string window, string message)
    {
        DiagnosticAssert.Reports("job demo\nmodel M { ai Power kW ai O kW }\naggregate M window " + window + " { O = avg(Power) }\n",
            "error DSL3029: A hopping window's size and step are fixed lengths, written in hours or shorter units, but " + message + ".");
    }

    [Fact]
    public void A_negative_duration_is_one_error_wherever_a_duration_stands()
    {
        DiagnosticAssert.Reports("""
            job demo
            settings {
              idle [|-5m|]
              lateness [|- 1m|]
            }
            model M {
              ai Power kW
              ai Avg kW
              ai Busy kW
              ai Held kW
            }
            aggregate M window tumbling [|-10m|] lateness [|-1m|] {
              Avg = avg(Power)
            }
            merge M on Power hold [|-5m|] {
              Busy = Power
            }
            merge M on Busy hold [|- /* five minutes */ 5m|] {
              Held = Busy
            }
            """,
            """
            error DSL3058: The idle time cannot be negative; a duration is a length, written without a sign, such as 5m.
            error DSL3058: The lateness cannot be negative; a duration is a length, written without a sign, such as 1m.
            error DSL3058: The window size cannot be negative; a duration is a length, written without a sign, such as 10m.
            error DSL3058: The lateness cannot be negative; a duration is a length, written without a sign, such as 1m.
            error DSL3058: The hold cannot be negative; a duration is a length, written without a sign, such as 5m.
            error DSL3058: The hold cannot be negative; a duration is a length, written without a sign, such as 5m.
            """);
    }

    [Fact]
    public void A_duration_too_large_for_a_long_is_too_long_not_malformed()
    {
        // 2^63 ms and 10^20 days do not fit a long; they are durations, only over 100 years.
        DiagnosticAssert.Reports("""
            job demo
            settings {
              lateness [|99999999999999999999d|]
            }
            model M {
              ai Power kW
              ai Avg kW
            }
            aggregate M window tumbling [|9223372036854775808ms|] {
              Avg = avg(Power)
            }
            """,
            """
            error DSL3056: The lateness 99999999999999999999d is longer than 100 years; a duration may be at most 36500d.
            error DSL3056: The window size 9223372036854775808ms is longer than 100 years; a duration may be at most 36500d.
            """);
    }

    [Fact]
    public void A_lateness_longer_than_a_week_warns()
    {
        DiagnosticAssert.Reports("""
            job demo
            settings {
              lateness [|8d|]
            }
            model M {
              ai Power kW
              ai Avg kW
            }
            aggregate M window tumbling 10m {
              Avg = avg(Power)
            }
            """,
            """
            warning DSL3046: The lateness 8d is longer than 7 days; every window stays open and keeps its state that long. Shorten it unless that is intended.
            """);
    }

    [Fact]
    public void Limits_against_a_calendar_window_use_its_shortest_length_and_subsecond_windows_are_allowed()
    {
        DiagnosticAssert.Reports(Outputs + """
            aggregate M window tumbling 1d offset [|23h|] { O1 = avg(Power) }
            aggregate M window tumbling 1d offset 22h { O2 = avg(Power) }
            aggregate M window tumbling 500ms { O3 = avg(Power) }
            aggregate M window tumbling 1mo emit early every [|28d|] { O4 = avg(Power) }
            aggregate M window tumbling 1w emit early every [|7d|] { O5 = avg(Power) }
            """,
            """
            error DSL3030: The offset 23h must be shorter than the window size 1d, which can be as short as 23h when the clocks go forward.
            error DSL3032: emit early every 28d must be shorter than the window 1mo, which can be as short as 27d 23h when the clocks go forward; otherwise no early result is ever emitted.
            error DSL3032: emit early every 7d must be shorter than the window 1w, which can be as short as 6d 23h when the clocks go forward; otherwise no early result is ever emitted.
            """);
    }
}
