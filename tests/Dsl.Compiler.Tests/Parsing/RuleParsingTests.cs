using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Tests.Parsing;

public sealed class RuleParsingTests
{
    [Fact]
    public void Aggregate_with_a_tumbling_window_has_its_outputs_with_where_and_fill()
    {
        var tree = SyntaxAssert.Clean("""
            aggregate WindTurbine window tumbling 10m {
              ActivePowerAvg10m = avg(ActivePower) where ActivePower in [0, 3500)
              ActivePowerMax10m = max(ActivePower)
              Samples10m        = count(ActivePower) fill 0
              P90               = percentile(ActivePower, 90) where Status == 1 fill -1
            }
            """);
        var rule = SyntaxAssert.Single<AggregateRuleSyntax>(tree);
        Assert.Equal("WindTurbine", rule.Model.Text);
        var window = Assert.IsType<TumblingWindowSyntax>(rule.Window);
        Assert.Equal((10L, DurationUnit.Minutes), (window.Size.Amount, window.Size.Unit));
        Assert.Null(window.Offset);
        Assert.Empty(rule.Options);

        Assert.Equal(["ActivePowerAvg10m", "ActivePowerMax10m", "Samples10m", "P90"], rule.Outputs.Select(o => o.Target.Text));
        Assert.Equal(["avg", "max", "count", "percentile"], rule.Outputs.Select(o => o.Function.Text));
        Assert.Equal("(in ActivePower [0, 3500))", ExpressionPrinter.Print(rule.Outputs[0].Where!));
        Assert.Null(rule.Outputs[1].Where);
        Assert.Equal("0", ExpressionPrinter.Print(rule.Outputs[2].Fill!));
        Assert.Equal(["ActivePower", "90"], rule.Outputs[3].Arguments.Select(ExpressionPrinter.Print));
        Assert.Equal("(== Status 1)", ExpressionPrinter.Print(rule.Outputs[3].Where!));
        Assert.Equal("-1", ExpressionPrinter.Print(rule.Outputs[3].Fill!));
    }

    [Fact]
    public void Tumbling_window_takes_an_offset()
    {
        var window = Assert.IsType<TumblingWindowSyntax>(SyntaxAssert.Single<AggregateRuleSyntax>(
            SyntaxAssert.Clean("aggregate Meter window tumbling 1d offset 2h { DailyPeak = max(Power) }")).Window);
        Assert.Equal((1L, DurationUnit.Days), (window.Size.Amount, window.Size.Unit));
        Assert.Equal((2L, DurationUnit.Hours), (window.Offset?.Amount, window.Offset?.Unit));
    }

    [Fact]
    public void Hopping_window_has_a_size_and_a_step()
    {
        var rule = SyntaxAssert.Single<AggregateRuleSyntax>(SyntaxAssert.Clean(
            "aggregate WindTurbine window hopping 1h step 15m lateness 1d emit final { Avg = avg(P) }"));
        var window = Assert.IsType<HoppingWindowSyntax>(rule.Window);
        Assert.Equal((1L, DurationUnit.Hours), (window.Size.Amount, window.Size.Unit));
        Assert.Equal((15L, DurationUnit.Minutes), (window.Step.Amount, window.Step.Unit));
        Assert.Collection(rule.Options,
            o => Assert.Equal(1, Assert.IsType<LatenessOptionSyntax>(o).Lateness.Amount),
            o => Assert.Equal("final", Assert.IsType<EmitOptionSyntax>(o).Mode.Text));
    }

    [Fact]
    public void Session_window_has_a_gap_and_an_optional_max()
    {
        var window = Assert.IsType<SessionWindowSyntax>(SyntaxAssert.Single<AggregateRuleSyntax>(
            SyntaxAssert.Clean("aggregate WindTurbine window session 30m max 8h { Runs = count(P) }")).Window);
        Assert.Equal((30L, DurationUnit.Minutes), (window.Gap.Amount, window.Gap.Unit));
        Assert.Equal((8L, DurationUnit.Hours), (window.Max?.Amount, window.Max?.Unit));

        var open = Assert.IsType<SessionWindowSyntax>(SyntaxAssert.Single<AggregateRuleSyntax>(
            SyntaxAssert.Clean("aggregate M window session 30m { Runs = count(P) }")).Window);
        Assert.Null(open.Max);
    }

    [Fact]
    public void Rule_options_come_in_any_order()
    {
        var rule = SyntaxAssert.Single<AggregateRuleSyntax>(SyntaxAssert.Clean(
            "aggregate M window tumbling 1h stamp end emit early every 5m lateness 30s { A = avg(P) }"));
        Assert.Collection(rule.Options,
            o => Assert.Equal("end", Assert.IsType<StampOptionSyntax>(o).Value.Text),
            o =>
            {
                var emit = Assert.IsType<EmitOptionSyntax>(o);
                Assert.Equal("early", emit.Mode.Text);
                Assert.Equal((5L, DurationUnit.Minutes), (emit.Every?.Amount, emit.Every?.Unit));
            },
            o => Assert.Equal((30L, DurationUnit.Seconds), (Assert.IsType<LatenessOptionSyntax>(o).Lateness.Amount, ((LatenessOptionSyntax)o).Lateness.Unit)));
    }

    [Fact]
    public void Merge_on_a_point_with_hold_has_expression_outputs()
    {
        var rule = SyntaxAssert.Single<MergeRuleSyntax>(SyntaxAssert.Clean("""
            merge WindTurbine on ActivePower hold 10m {
              ApparentPower = sqrt(ActivePower ^ 2 + ReactivePower ^ 2)
              LoadFactor    = ActivePower / RatedPower
            }
            """));
        Assert.Equal("WindTurbine", rule.Model.Text);
        var trigger = Assert.IsType<OnPointTriggerSyntax>(rule.Trigger);
        Assert.Null(trigger.Point.Model);
        Assert.Equal("ActivePower", trigger.Point.Point.Text);
        Assert.Equal(10, Assert.IsType<HoldOptionSyntax>(Assert.Single(rule.Options)).Hold.Amount);
        Assert.Equal(["ApparentPower", "LoadFactor"], rule.Outputs.Select(o => o.Target.Text));
        Assert.Equal("sqrt((+ (^ ActivePower 2) (^ ReactivePower 2)))", ExpressionPrinter.Print(rule.Outputs[0].Value));
        Assert.Equal("(/ ActivePower RatedPower)", ExpressionPrinter.Print(rule.Outputs[1].Value));
    }

    [Fact]
    public void Merge_every_period_and_a_qualified_trigger_point()
    {
        var every = Assert.IsType<EveryTriggerSyntax>(SyntaxAssert.Single<MergeRuleSyntax>(
            SyntaxAssert.Clean("merge Meter every 10m { Spread10m = MaxReading10Min - MinReading10Min }")).Trigger);
        Assert.Equal((10L, DurationUnit.Minutes), (every.Period.Amount, every.Period.Unit));

        var on = Assert.IsType<OnPointTriggerSyntax>(SyntaxAssert.Single<MergeRuleSyntax>(
            SyntaxAssert.Clean("merge Meter on Meter::Power { X = Power }")).Trigger);
        Assert.Equal(("Meter", "Power"), (on.Point.Model?.Text, on.Point.Point.Text));
    }

    [Fact]
    public void Energy_rule_has_its_source_method_and_every_clause()
    {
        var rule = SyntaxAssert.Single<EnergyRuleSyntax>(SyntaxAssert.Clean("""
            energy Meter from TotalEnergy by meter {
              slope [0, RatedPower * 1.2]
              scale MeterScale
              daily DailyEnergy
              every 15m Energy15m
              rollover 99999999
              split
              range (0, 3600)
              missing last
              lateness 2h
            }
            """));
        Assert.Equal(("Meter", "TotalEnergy", "meter"), (rule.Model.Text, rule.Source.Point.Text, rule.Method.Text));
        Assert.Collection(rule.Clauses,
            c => Assert.Equal("[0, (* RatedPower 1.2)]", ExpressionPrinter.Print(Assert.IsType<SlopeClauseSyntax>(c).Interval)),
            c => Assert.Equal("MeterScale", ExpressionPrinter.Print(Assert.IsType<ScaleClauseSyntax>(c).Value)),
            c => Assert.Equal("DailyEnergy", Assert.IsType<DailyClauseSyntax>(c).Target.Text),
            c =>
            {
                var every = Assert.IsType<EveryClauseSyntax>(c);
                Assert.Equal((15L, DurationUnit.Minutes, "Energy15m"), (every.Period.Amount, every.Period.Unit, every.Target.Text));
            },
            c => Assert.Equal("99999999", ExpressionPrinter.Print(Assert.IsType<RolloverClauseSyntax>(c).Value)),
            c => Assert.IsType<SplitClauseSyntax>(c),
            c => Assert.Equal("(0, 3600)", ExpressionPrinter.Print(Assert.IsType<RangeClauseSyntax>(c).Interval)),
            c => Assert.Equal("last", Assert.IsType<MissingClauseSyntax>(c).Mode.Text),
            c => Assert.Equal((2L, DurationUnit.Hours), (Assert.IsType<EnergyLatenessClauseSyntax>(c).Lateness.Amount, ((EnergyLatenessClauseSyntax)c).Lateness.Unit)));
    }

    [Fact]
    public void Energy_methods_are_names_for_the_binder_to_check()
    {
        var tree = SyntaxAssert.Clean("""
            energy Inverter from Inverter::ActivePower by instant_power { range (0, 3600) missing ignore daily DailyEnergy }
            energy Inverter from AvgPower15m by average_power { daily DailyEnergy }
            energy Inverter from AvgPower15m by trapezoid { daily DailyEnergy }
            """);
        var rules = tree.Root.Declarations.Cast<EnergyRuleSyntax>().ToArray();
        Assert.Equal(["instant_power", "average_power", "trapezoid"], rules.Select(r => r.Method.Text));
        Assert.Equal("Inverter", rules[0].Source.Model?.Text);
    }

    [Fact]
    public void Alarm_rules_have_conditions_and_channels()
    {
        var alarm = SyntaxAssert.Single<AlarmDeclarationSyntax>(SyntaxAssert.Clean("""
            alarm {
              on failed, errors > 100 per 10m notify "ops"
              on lag > 5m notify "ops", "oncall"
            }
            """));
        Assert.Equal(2, alarm.Rules.Length);
        var first = alarm.Rules[0];
        Assert.Equal(["failed", "errors"], first.Conditions.Select(c => c.Metric.Text));
        Assert.Null(first.Conditions[0].Operator);
        Assert.Null(first.Conditions[0].Threshold);
        Assert.Equal(">", first.Conditions[1].Operator);
        Assert.Equal(100, Assert.IsType<NumberLiteralSyntax>(first.Conditions[1].Threshold).Value);
        Assert.Equal((10L, DurationUnit.Minutes), (first.Conditions[1].Per?.Amount, first.Conditions[1].Per?.Unit));
        Assert.Equal(["ops"], first.Channels.Select(c => c.Value));

        var second = alarm.Rules[1];
        var lag = Assert.Single(second.Conditions);
        Assert.Equal(5, Assert.IsType<DurationSyntax>(lag.Threshold).Amount);
        Assert.Null(lag.Per);
        Assert.Equal(["ops", "oncall"], second.Channels.Select(c => c.Value));
    }

    [Theory]
    [InlineData("schedule once", "once", null, null, null)]
    [InlineData("schedule every 6h", "every", "6 Hours", null, null)]
    [InlineData("schedule daily at 02:00", "daily", null, "2:0", null)]
    [InlineData("schedule cron \"0 2 * * *\"", "cron", null, null, "0 2 * * *")]
    [InlineData("schedule on file \"incoming/*.jsonl\"", "on", null, null, "incoming/*.jsonl")]
    public void Schedule_kinds_and_their_arguments(string text, string kind, string? every, string? at, string? pattern)
    {
        var schedule = SyntaxAssert.Single<ScheduleDeclarationSyntax>(SyntaxAssert.Clean(text));
        Assert.Equal(kind, schedule.Kind.Text);
        Assert.Equal(every, schedule.Every is { } d ? $"{d.Amount} {d.Unit}" : null);
        Assert.Equal(at, schedule.At is { } t ? $"{t.Hour}:{t.Minute}" : null);
        Assert.Equal(pattern, schedule.Pattern?.Value);
    }

    [Fact]
    public void Schedule_without_its_argument_is_left_to_the_binder()
    {
        // "schedule every" with no period is a complete statement to the parser; the binder
        // reports what it lacks, once.
        var schedules = SyntaxAssert.Clean("schedule every\nschedule daily at").Root.Declarations.Cast<ScheduleDeclarationSyntax>().ToArray();
        Assert.Equal(["every", "daily"], schedules.Select(s => s.Kind.Text));
        Assert.Null(schedules[0].Every);
        Assert.Null(schedules[1].At);
    }

    [Fact]
    public void Durations_of_every_unit()
    {
        var settings = SyntaxAssert.Single<SettingsDeclarationSyntax>(SyntaxAssert.Clean(
            "settings { a 500ms b 30s c 5m d 1h e 1d f 1w g 1mo }")).Settings;
        Assert.Equal(
            [(500L, DurationUnit.Milliseconds), (30L, DurationUnit.Seconds), (5L, DurationUnit.Minutes), (1L, DurationUnit.Hours),
             (1L, DurationUnit.Days), (1L, DurationUnit.Weeks), (1L, DurationUnit.Months)],
            settings.Select(s => (DurationSyntax)s.Value).Select(d => (d.Amount, d.Unit)));
    }
}
