using Dsl.Compiler.Binding;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Tests.Binding;

public sealed class BoundJobTests
{
    private static BoundJob Bind(string text)
    {
        var compilation = TestCompiler.Compile(text);
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.IsError);
        return compilation.Job!;
    }

    [Fact]
    public void Rules_come_in_dependency_order_with_the_graph_between_them()
    {
        var job = Bind("""
            job demo
            model M {
              ai P kW
              ai A kW
              ai B kW
              ai C kW
            }
            merge M on B { C = B * 2 }
            aggregate M window tumbling 10m { B = avg(A) }
            merge M on P { A = P + 1 }
            """);

        Assert.Equal([2, 1, 0], job.Rules.Select(r => r.Ordinal));
        Assert.Equal(["A", "B"], job.Graph.Edges.Select(e => e.Point.Name));
        Assert.Equal(["P"], job.Graph.Inputs.Select(p => p.Name));
        Assert.Same(job.Rules[1], job.Graph.GetWriter(job.Models[0].GetPoint("B")!));
    }

    [Fact]
    public void Calendar_windows_are_calendar_and_fixed_lengths_are_fixed()
    {
        var job = Bind("""
            job demo
            settings { timezone "Europe/Berlin" lateness 1d }
            model M {
              ai P kW
              ai Daily kW
              ai Hourly kW
            }
            aggregate M window tumbling 1d offset 6h { Daily = max(P) }
            aggregate M window hopping 24h step 1h emit early every 5m stamp end { Hourly = avg(P) }
            """);

        var daily = Assert.IsType<BoundAggregateRule>(job.Rules[0]);
        var window = Assert.IsType<BoundTumblingWindow>(daily.Window);
        Assert.True(window.IsCalendar);
        Assert.Equal(new Duration(1, DurationUnit.Days, true), window.Size);
        Assert.Equal(6 * 3_600_000, window.Offset.Milliseconds);
        Assert.Equal(new Duration(1, DurationUnit.Days, false), daily.Lateness);
        Assert.Equal(Duration.MillisecondsPerDay, daily.Lateness.Milliseconds);

        var hourly = Assert.IsType<BoundAggregateRule>(job.Rules[1]);
        Assert.False(hourly.Window.IsCalendar);
        Assert.Equal(EmitMode.Early, hourly.Emit);
        Assert.Equal(300_000, hourly.EarlyEvery?.Milliseconds);
        Assert.Equal(WindowStamp.End, hourly.Stamp);
    }

    [Fact]
    public void Aggregate_outputs_name_their_function_input_and_result_type()
    {
        var job = Bind("""
            job demo
            model M {
              ai P kW
              di S: int
              attribute Rated = 10
              generic N: int
              ai Sum
              ai P95 kW
              ai Load "%"
            }
            aggregate M window tumbling 10m {
              N = count(P) where P > 0 fill 0
              Sum = sum(S)
              P95 = percentile(P, 95)
              Load = avg(P / Rated * 100)
            }
            """);

        var outputs = Assert.IsType<BoundAggregateRule>(Assert.Single(job.Rules)).Outputs;
        Assert.Equal([AggregateFunction.Count, AggregateFunction.Sum, AggregateFunction.Percentile, AggregateFunction.Avg], outputs.Select(o => o.Function));
        Assert.Equal([DataType.Long, DataType.Long, DataType.Double, DataType.Double], outputs.Select(o => o.ResultType));
        Assert.Equal(["P", "S", "P", "P"], outputs.Select(o => o.Input.Name));
        Assert.Equal(0, outputs[0].Fill);
        Assert.Equal(DataType.Bool, outputs[0].Where?.Type);
        Assert.Equal(95, outputs[2].Percentile);
        Assert.Contains(outputs[3].Argument.DescendantsAndSelf(), e => e is BoundAttributeReference { Attribute.Name: "Rated" });
    }

    [Fact]
    public void Merge_outputs_are_converted_to_the_target_type()
    {
        var job = Bind("""
            job demo
            model M {
              di S: int
              ai Out kW
              generic Flag: bool
            }
            merge M on S hold 10m {
              Out = S + 1
              Flag = prev(S) != S
            }
            """);

        var merge = Assert.IsType<BoundMergeRule>(Assert.Single(job.Rules));
        Assert.Equal("S", Assert.IsType<BoundOnPointTrigger>(merge.Trigger).Point.Name);
        Assert.Equal(600_000, merge.Hold?.Milliseconds);
        var conversion = Assert.IsType<BoundConversion>(merge.Outputs[0].Value);
        Assert.Equal(DataType.Double, conversion.Type);
        Assert.Equal(DataType.Int, conversion.Operand.Type);
        Assert.Equal(["S"], merge.Outputs[1].Reads.Select(p => p.Name));
        Assert.Contains(merge.Outputs[1].Value.DescendantsAndSelf(), e => e is BoundHistoryCall { Function: HistoryFunction.Prev });
    }

    [Fact]
    public void Energy_rules_carry_their_defaults_and_the_watt_input()
    {
        var job = Bind("""
            job demo
            settings { timezone "UTC" lateness 5m }
            model Meter {
              pi Total kWh
              ai Power: double W
              pi Daily kWh
              pi Daily2 kWh
              pi Q kWh
            }
            energy Meter from Total by meter { daily Daily }
            energy Meter from Power by instant_power { every 15m Q daily Daily2 }
            """);

        var meter = Assert.IsType<BoundEnergyRule>(job.Rules[0]);
        Assert.Equal(EnergyMethod.Meter, meter.Method);
        Assert.NotNull(meter.Slope);
        Assert.Equal(0.0, Assert.IsType<BoundLiteral>(meter.Slope.Lower).Value);
        Assert.Equal(double.PositiveInfinity, Assert.IsType<BoundLiteral>(meter.Slope.Upper).Value);
        Assert.Equal(1.0, Assert.IsType<BoundLiteral>(meter.Scale).Value);
        Assert.Equal(300_000, meter.Lateness.Milliseconds);
        Assert.Equal(1.0, meter.InputToKilo);
        Assert.Null(meter.Every);

        var power = Assert.IsType<BoundEnergyRule>(job.Rules[1]);
        Assert.Equal(0.001, power.InputToKilo);
        Assert.Null(power.Slope);
        Assert.Equal(MissingMode.Ignore, power.Missing);
        Assert.Equal("Q", power.Every?.Target.Name);
        Assert.Equal(900_000, power.Every?.Period.Milliseconds);
        Assert.Equal(["Daily2", "Q"], power.WrittenPoints.Select(p => p.Name));
    }

    [Fact]
    public void Point_and_attribute_types_follow_their_defaults()
    {
        var job = Bind("""
            job demo
            model M {
              ai A
              di D
              pi P
              generic G: double
              attribute X = 1
              attribute Y = "s"
              attribute Z: long = 5
              attribute W
            }
            """);

        var model = job.Models.Single();
        Assert.Equal([DataType.Double, DataType.Int, DataType.Double, DataType.Double], model.Points.Select(p => p.Type));
        Assert.Equal([DataType.Double, DataType.String, DataType.Long, DataType.Double], model.Attributes.Select(a => a.Type));
        Assert.Equal([1.0, "s", 5L, null], model.Attributes.Select(a => a.DefaultValue));
    }

    [Theory]
    [InlineData("double", "abs(-2)", 2.0)]
    [InlineData("double", "sqrt(16) + round(2.5) + floor(-0.5) + ceil(0.2)", 7.0)]
    [InlineData("double", "max(1, 2.5, -3) / 2", 1.25)]
    [InlineData("double", "coalesce(1.5, 2)", 1.5)]
    [InlineData("double", "if 1 > 0 then 2 else 3", 2.0)]
    [InlineData("double", "7 % 4 + 2 ^ 3", 11.0)]
    [InlineData("double", "0.6 ^ 3", 0.6 * 0.6 * 0.6)]
    [InlineData("double", "0.6 ^ (1 + 2)", 0.6 * 0.6 * 0.6)] // a cube is the product however its exponent is written
    [InlineData("int", "clamp(7, 1, 5)", 5)]
    [InlineData("int", "sign(-3.5) * abs(-4)", -4)]
    [InlineData("bool", "1 > 0", true)]
    [InlineData("bool", "!(1 == 1) || 2 in [1, 3]", true)]
    [InlineData("bool", "isnan(0 / 0) && 1.5 != 1.5", false)]
    [InlineData("string", "if 2 >= 3 then \"a\" else \"b\"", "b")]
    public void An_attribute_default_may_be_any_constant_expression(string type, string expression, object expected)
    {
        var job = Bind($$"""
            job demo
            model M {
              attribute X: {{type}} = {{expression}}
            }
            """);

        Assert.Equal(expected, job.Models.Single().Attributes.Single().DefaultValue);
    }

    [Fact]
    public void An_integer_literal_that_fits_a_long_is_a_long_with_every_digit()
    {
        // A double holds 53 bits: 2^53 + 1 would come out as 2^53, and 2^63 - 1 as 2^63, past the largest long.
        var job = Bind("""
            job demo
            model M {
              attribute Odd: long = 9007199254740993
              attribute Largest: long = 9223372036854775807
              attribute Smallest: long = -9223372036854775808
              attribute Sum: long = 9007199254740992 + 1
            }
            """);

        var model = job.Models.Single();
        Assert.Equal([9007199254740993L, long.MaxValue, long.MinValue, 9007199254740993L], model.Attributes.Select(a => a.DefaultValue));
    }
}
