namespace Dsl.Compiler.Tests.Binding;

/// <summary>
/// A rule header is one line of independent parts (window, options, trigger, source,
/// method): every mistake in it is reported, each once at its own place, and none of them
/// makes another part look wrong.
/// </summary>
public sealed class RuleHeaderDiagnosticsTests
{
    private const string Model = StreamRuleTests.Model + """
        model Site {
          pi Meter kWh
          pi Daily kWh
        }

        """;

    private const string AggregateBody = " {\n  Out = avg(Power)\n}\n";

    private const string MergeBody = " {\n  Out = Power * 2\n}\n";

    private const string EnergyBody = " {\n  daily Daily\n}\n";

    [Theory]
    [InlineData("aggregate [|Mx|] window tumbling [|10|] emit [|bogus|]" + AggregateBody,
        """
        error DSL2001: The model "Mx" is not declared. Did you mean "M"?
        error DSL1001: Unexpected '10'; expected a duration (such as 10m).
        error DSL2008: "bogus" is not a valid emit mode. Use ontime, final or early.
        """)]
    [InlineData("aggregate M window tumbling 10m lateness [|5|] emit early every [|2|]" + AggregateBody,
        """
        error DSL1001: Unexpected '5'; expected a duration (such as 10m).
        error DSL1001: Unexpected '2'; expected a duration (such as 10m).
        """)]
    [InlineData("aggregate M window tumbling [|10min|] lateness [|1.5h|]" + AggregateBody,
        """
        error DSL1007: The duration '10min' is not valid; write an integer followed by ms, s, m, h, d, w or mo, with no space. Did you mean "10m"?
        error DSL1007: The duration '1.5h' is not valid; write an integer followed by ms, s, m, h, d, w or mo, with no space. Did you mean "90m"?
        """)]
    [InlineData("aggregate M window [|tumblin|] 10m lateness [|1mo|]" + AggregateBody,
        """
        error DSL1001: Unexpected 'tumblin'; expected a window ('tumbling', 'hopping' or 'session'). Did you mean "tumbling"?
        error DSL3026: The lateness must be a fixed length, but a month varies; write it in days or hours.
        """)]
    [InlineData("aggregate M window tumbling[||] lateness [|1mo|] stamp [|middle|]" + AggregateBody,
        """
        error DSL1009: Expected a duration (such as 10m) after 'tumbling'.
        error DSL3026: The lateness must be a fixed length, but a month varies; write it in days or hours.
        error DSL2008: "middle" is not a valid stamp. Use start or end.
        """)]
    [InlineData("aggregate M window tumbling 10m offset[||] lateness [|5|]" + AggregateBody,
        """
        error DSL1009: Expected a duration (such as 10m) after 'offset'.
        error DSL1001: Unexpected '5'; expected a duration (such as 10m).
        """)]
    [InlineData("aggregate M window tumbling 10m [|lateness5m|] emit [|bogus|]" + AggregateBody,
        """
        error DSL1001: Unexpected 'lateness5m'; expected an option (lateness, emit or stamp) or '{'.
        error DSL2008: "bogus" is not a valid emit mode. Use ontime, final or early.
        """)]
    [InlineData("aggregate M window tumbling 10m emit [|bogus|] every [|1mo|]" + AggregateBody,
        """
        error DSL2008: "bogus" is not a valid emit mode. Use ontime, final or early.
        error DSL3026: The early period must be a fixed length, but a month varies; write it in days or hours.
        """)]
    [InlineData("aggregate M window tumbling 10m emit [|every|] 5m lateness [|1mo|]" + AggregateBody,
        """
        error DSL1009: Expected 'early' after 'emit'.
        error DSL3026: The lateness must be a fixed length, but a month varies; write it in days or hours.
        """)]
    [InlineData("aggregate M window tumbling 10m emit [|5|] stamp [|middle|]" + AggregateBody,
        """
        error DSL1001: Unexpected '5'; expected an emit mode (ontime, final or early).
        error DSL2008: "middle" is not a valid stamp. Use start or end.
        """)]
    public void Every_mistake_in_an_aggregate_header_is_reported(string rule, string expected)
    {
        DiagnosticAssert.Reports(Model + rule, expected);
    }

    [Theory]
    [InlineData("merge M every [|5|] hold [|1mo|]" + MergeBody,
        """
        error DSL1001: Unexpected '5'; expected a duration (such as 10m).
        error DSL3026: The hold must be a fixed length, but a month varies; write it in days or hours.
        """)]
    [InlineData("merge M on [|5|] hold [|5|]" + MergeBody,
        """
        error DSL1001: Unexpected '5'; expected a point name.
        error DSL1001: Unexpected '5'; expected a duration (such as 10m).
        """)]
    [InlineData("merge [|5|] on Power hold [|0s|]" + MergeBody,
        """
        error DSL1001: Unexpected '5'; expected a model name.
        error DSL3024: The hold must be longer than zero.
        """)]
    [InlineData("merge [|5|] on [|hold|] 5m" + MergeBody,
        """
        error DSL1001: Unexpected '5'; expected a model name.
        error DSL1009: Expected a point name after 'on'.
        """)]
    public void Every_mistake_in_a_merge_header_is_reported(string rule, string expected)
    {
        DiagnosticAssert.Reports(Model + rule, expected);
    }

    [Theory]
    [InlineData("energy Site from [|5|] by [|7|]" + EnergyBody,
        """
        error DSL1001: Unexpected '5'; expected a point name.
        error DSL1001: Unexpected '7'; expected an energy method (meter, instant_power or average_power).
        """)]
    [InlineData("energy [|Sit|] from [|5|] by [|metr|]" + EnergyBody,
        """
        error DSL2001: The model "Sit" is not declared. Did you mean "Site"?
        error DSL1001: Unexpected '5'; expected a point name.
        error DSL2008: "metr" is not a valid energy method. Did you mean "meter"?
        """)]
    [InlineData("energy [|5|] from Meter by [|metr|]" + EnergyBody,
        """
        error DSL1001: Unexpected '5'; expected a model name.
        error DSL2008: "metr" is not a valid energy method. Did you mean "meter"?
        """)]
    public void Every_mistake_in_an_energy_header_is_reported(string rule, string expected)
    {
        DiagnosticAssert.Reports(Model + rule, expected);
    }

    /// <summary>What other systems call the methods gets this language's name, not the nearest spelling (or none).</summary>
    [Theory]
    [InlineData("register", " Did you mean \"meter\"?")]
    [InlineData("Counter", " Did you mean \"meter\"?")]
    [InlineData("totalizer", " Did you mean \"meter\"?")]
    [InlineData("integral", " Did you mean \"instant_power\"?")]
    [InlineData("trapezoid", " Did you mean \"instant_power\"?")]
    [InlineData("average", " Did you mean \"average_power\"?")]
    // Either power method may be meant: both are named, neither is put in place.
    [InlineData("power", " Power is integrated by instant_power (the trapezoid between two samples) or by average_power (each sample the average of the interval it closes).")]
    public void An_energy_method_named_as_other_systems_name_it_gets_its_name_here(string method, string hint)
    {
        DiagnosticAssert.Reports(Model + "energy Site from Meter by [|" + method + "|]" + EnergyBody,
            $"error DSL2008: \"{method}\" is not a valid energy method.{hint}");
    }
}
