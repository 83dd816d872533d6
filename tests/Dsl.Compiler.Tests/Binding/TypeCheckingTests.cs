namespace Dsl.Compiler.Tests.Binding;

public sealed class TypeCheckingTests
{
    private const string Model = """
        job demo
        model M {
          ai Power kW
          di Status: int
          generic Running: bool
          generic Label: string
          generic Level: int
          generic Total: long
          attribute Rated: double = 3000 kW
          ai Out kW
        }

        """;

    [Fact]
    public void Operators_report_the_operand_types()
    {
        DiagnosticAssert.Reports(Model + """
            merge M on Power {
              Out = Power [|+|] Label
              Running = [|!Power|]
              Level = Status [|&&|] Running ? 1 : 0
            }
            """,
            """
            error DSL3002: The operator "+" cannot be applied to double and string. Both operands must be numbers.
            error DSL3003: The operator "!" cannot be applied to double. It negates bool values.
            error DSL3002: The operator "&&" cannot be applied to int and bool. Both operands must be bool.
            """);
    }

    [Fact]
    public void Int_and_long_widen_to_double_but_nothing_narrows()
    {
        DiagnosticAssert.Reports(Model + """
            merge M on Power {
              Out = Status + Total
              [|Level|] = Power * 2
              Running = Status > 0
            }
            merge M on Status {
              Total = 5
            }
            """,
            """
            error DSL3006: The point "Level" has type int, but the value has type double. Change the declared type or the value.
            """);
    }

    [Fact]
    public void Int_widens_to_long_as_in_arithmetic_and_long_does_not_narrow_to_int()
    {
        // Status + 1 is int and Status + Total long: a long point takes either, as 5 it takes.
        DiagnosticAssert.Reports(Model + """
            merge M on Power {
              Total = Status
            }
            merge M on Status {
              [|Level|] = Total + 1
            }
            """,
            """
            error DSL3006: The point "Level" has type int, but the value has type long. Change the declared type or the value.
            """);
    }

    [Fact]
    public void Division_is_computed_in_double()
    {
        DiagnosticAssert.Reports(Model + """
            merge M on Power {
              [|Level|] = Status / 2
            }
            """,
            """
            error DSL3006: The point "Level" has type int, but the value has type double. Change the declared type or the value.
            """);
    }

    [Fact]
    public void Conditions_and_branches_are_checked()
    {
        DiagnosticAssert.Reports(Model + """
            merge M on Power {
              Out = [|Power|] ? 1 : 2
              Level = [|Running ? Status : Label|]
            }
            aggregate M window tumbling 10m {
              Total = count(Power) where [|Power + 1|]
            }
            """,
            """
            error DSL3001: The condition has type double, but it must be bool. Compare the value, e.g. "x > 0".
            error DSL3007: The branches of the conditional have types int and string; give both branches the same type.
            error DSL3001: The condition has type double, but it must be bool. Compare the value, e.g. "x > 0".
            """);
    }

    [Fact]
    public void A_wrong_condition_does_not_hide_branches_of_different_types()
    {
        // Two mistakes in one conditional are two errors: fixing the condition must not reveal a second one.
        DiagnosticAssert.Reports(Model + """
            merge M on Power {
              Label = [|if [|Status|] then Power else "off"|]
            }
            """,
            """
            error DSL3007: The branches of the conditional have types double and string; give both branches the same type.
            error DSL3001: The condition has type int, but it must be bool. Compare the value, e.g. "x > 0".
            """);
    }

    [Fact]
    public void Function_arguments_are_checked()
    {
        DiagnosticAssert.Reports(Model + """
            merge M on Power {
              Out = sqrt([|Running|]) + [|pow(Power)|] + round(Power, [|1.5|])
              Level = coalesce(Status, [|Label|])
            }
            """,
            """
            error DSL3004: Argument 1 of sqrt() has type bool, but it must be a number.
            error DSL3005: pow() takes 2 arguments, but 1 was given. Signature: pow(x, y) → double.
            error DSL3004: Argument 2 of round() has type double, but it must be int (a number of decimal digits).
            error DSL3004: Argument 2 of coalesce() has type string, but it must be int like the arguments before it.
            """);
    }

    [Fact]
    public void Every_wrong_argument_of_a_call_is_reported_not_only_the_first()
    {
        DiagnosticAssert.Reports(Model + """
            merge M on Power {
              Out = pow([|"a"|], [|Running|]) + clamp([|"a"|], [|Running|], [|"b"|]) + min(Power, [|"x"|], [|Running|]) + round([|"a"|], [|1.5|])
              Level = coalesce(Status, [|"x"|], [|Running|])
            }
            """,
            """
            error DSL3004: Argument 1 of pow() has type string, but it must be a number.
            error DSL3004: Argument 2 of pow() has type bool, but it must be a number.
            error DSL3004: Argument 1 of clamp() has type string, but it must be a number.
            error DSL3004: Argument 2 of clamp() has type bool, but it must be a number.
            error DSL3004: Argument 3 of clamp() has type string, but it must be a number.
            error DSL3004: Argument 2 of min() has type string, but it must be a number.
            error DSL3004: Argument 3 of min() has type bool, but it must be a number.
            error DSL3004: Argument 1 of round() has type string, but it must be a number.
            error DSL3004: Argument 2 of round() has type double, but it must be int (a number of decimal digits).
            error DSL3004: Argument 2 of coalesce() has type string, but it must be int like the arguments before it.
            error DSL3004: Argument 3 of coalesce() has type bool, but it must be int like the arguments before it.
            """);
    }

    [Fact]
    public void History_functions_are_merge_only_and_take_a_point()
    {
        DiagnosticAssert.Reports(Model + """
            merge M on Power {
              Out = prev([|Power * 2|]) + rate([|Rated|])
              Level = delta([|Label|]) > "" ? 1 : 0
            }
            aggregate M window tumbling 10m {
              Total = count([|prev|](Power))
            }
            """,
            """
            error DSL3009: prev() takes the name of a point of the rule's model, e.g. prev(ActivePower).
            error DSL3051: "Rated" is an attribute of model "M", but the argument of rate() must be a point; attributes are per-asset constants.
            error DSL3004: Argument 1 of delta() has type string, but it must be a numeric point.
            error DSL3008: prev() reads the history of a point and is available only in merge rules.
            """);
    }

    [Fact]
    public void Aggregate_functions_are_not_expressions()
    {
        DiagnosticAssert.Reports(Model + """
            merge M on Power {
              Out = [|avg|](Power) + 1
            }
            """,
            """
            error DSL3010: avg() is an aggregate function; use it only as the function of an aggregate output (TARGET = avg(P)), not inside an expression.
            """);
    }

    [Fact]
    public void Constant_contexts_reject_points_and_name_the_place()
    {
        DiagnosticAssert.Reports("""
            job demo
            settings { timezone "UTC" }
            model Meter {
              pi Total kWh
              ai Power kW
              pi Daily kWh
              attribute Limit = 100
              ai Temperature "°C" range [0, [|Limit|]]
            }
            energy Meter from Total by meter {
              slope [0, [|Power|] * 1.2]
              daily Daily
            }
            """,
            """
            error DSL3044: A point range can use only constants, but "Limit" is an attribute.
            error DSL3044: The slope can use only attributes and constants, but "Power" is a point.
            """);
    }

    [Fact]
    public void A_type_written_without_its_colon_is_one_error_and_the_member_has_that_type()
    {
        // Flag is bool and Label string, so their uses in the merge are not reported too.
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai P kW
              ai Flag [|bool|]
              generic Label [|string|]
              attribute Rated [|double|]
              ai Fine kW
            }
            merge M on P {
              Flag = P > 0
              Label = "x"
              Fine = P * Rated
            }
            """,
            """
            error DSL3062: "bool" after the point "Flag" is a type, but without a colon it reads as a unit; write "ai Flag: bool".
            error DSL3062: "string" after the point "Label" is a type, but without a colon it reads as a unit; write "generic Label: string".
            error DSL3062: "double" after the attribute "Rated" is a type, but without a colon it reads as a unit; write "attribute Rated: double".
            """);
    }

    [Fact]
    public void Empty_constant_intervals_are_reported()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai Power kW range [|[3500, 0]|]
              ai Pitch kW range [|(3, 3]|]
              ai Ok kW range [3, 3]
              ai Computed kW range [|[abs(-5), round(1.2)]|]
            }
            """,
            """
            error DSL3043: The interval is empty: no value lies between 3500 and 0. Swap or correct the bounds.
            error DSL3043: The interval is empty: no value lies between 3 and 3. Swap or correct the bounds.
            error DSL3043: The interval is empty: no value lies between 5 and 1. Swap or correct the bounds.
            """);
    }

    [Fact]
    public void Intervals_that_no_value_can_pass_are_reported_as_empty()
    {
        // 1 / 0 is NaN, and every comparison with NaN is false; a number is never infinite.
        DiagnosticAssert.Reports("""
            job demo
            model M {
              ai Power kW range [|[0, 1 / 0]|]
              ai Pitch kW range [|[+inf, +inf]|]
              ai Wide kW range [-inf, +inf]
              ai Out kW
            }
            merge M on Power { Out = Power in [|[0 / 0, 1]|] ? 1 : 0 }
            merge M on Pitch { Wide = Pitch in [|[-inf, -inf]|] ? 1 : 0 }
            """,
            """
            error DSL3043: The interval is empty: no value lies between 0 and NaN. Swap or correct the bounds.
            error DSL3043: The interval is empty: no value lies between +inf and +inf. Swap or correct the bounds.
            error DSL3043: The interval is empty: no value lies between NaN and 1. Swap or correct the bounds.
            error DSL3043: The interval is empty: no value lies between -inf and -inf. Swap or correct the bounds.
            """);
    }

    [Fact]
    public void Attribute_defaults_must_fit_the_declared_type()
    {
        DiagnosticAssert.Reports("""
            job demo
            model M {
              attribute A: double = 1
              attribute B: long = 5
              attribute C: int = [|2.5|]
              attribute D: string = [|true|]
            }
            """,
            """
            error DSL3006: The attribute "C" has type int, but the value has type double. Change the declared type or the value.
            error DSL3006: The attribute "D" has type string, but the value has type bool. Change the declared type or the value.
            """);
    }

    [Fact]
    public void Integer_arithmetic_on_constants_that_overflows_its_type_is_an_error()
    {
        // Each value is worked out by hand: 2^31, 2^63, -(-2^31) = 2^31, 3037000500^2 = 9223372037000250000 > 2^63 - 1.
        DiagnosticAssert.Reports(Model + """
            model N {
              ai P kW
              generic I: int
              generic L: long
              generic L2: long
              generic I2: int
              attribute A: int = [|2147483647 + 1|]
            }
            merge N on P {
              I = [|2147483647 + 1|] - 1
              L = [|9223372036854775807 + 1|]
              L2 = [|3037000500 * 3037000500|]
              I2 = [|-(-2147483648)|]
            }
            """,
            """
            error DSL3059: The value of this constant expression, 2147483648, does not fit int (-2147483648 to 2147483647); int arithmetic would wrap it around. Write the value itself, or compute in double (2.0 rather than 2).
            error DSL3059: The value of this constant expression, 2147483648, does not fit int (-2147483648 to 2147483647); int arithmetic would wrap it around. Write the value itself, or compute in double (2.0 rather than 2).
            error DSL3059: The value of this constant expression, 9223372036854775808, does not fit long (-9223372036854775808 to 9223372036854775807); long arithmetic would wrap it around. Write the value itself, or compute in double (2.0 rather than 2).
            error DSL3059: The value of this constant expression, 9223372037000250000, does not fit long (-9223372036854775808 to 9223372036854775807); long arithmetic would wrap it around. Write the value itself, or compute in double (2.0 rather than 2).
            error DSL3059: The value of this constant expression, 2147483648, does not fit int (-2147483648 to 2147483647); int arithmetic would wrap it around. Write the value itself, or compute in double (2.0 rather than 2).
            """);
    }

    [Fact]
    public void Abs_of_the_smallest_integer_constant_overflows_its_type_as_negation_does()
    {
        // |-2^31| = 2^31 and |-2^63| = 2^63, one past each type's maximum: wrapped, abs would be negative.
        DiagnosticAssert.Reports(Model + """
            model N {
              ai P kW
              generic I: int
              generic L: long
            }
            merge N on P {
              I = [|abs(-2147483648)|]
              L = [|abs(-9223372036854775808)|]
            }
            """,
            """
            error DSL3059: The value of this constant expression, 2147483648, does not fit int (-2147483648 to 2147483647); int arithmetic would wrap it around. Write the value itself, or compute in double (2.0 rather than 2).
            error DSL3059: The value of this constant expression, 9223372036854775808, does not fit long (-9223372036854775808 to 9223372036854775807); long arithmetic would wrap it around. Write the value itself, or compute in double (2.0 rather than 2).
            """);
    }

    [Fact]
    public void Integer_overflow_is_found_through_functions_and_conditionals_that_pass_a_constant_on()
    {
        // max, min, clamp, coalesce and a conditional with a constant condition pass their value
        // on exactly; the sum after them leaves int as 2147483647 + 1 does.
        DiagnosticAssert.Reports(Model + """
            model N {
              ai P kW
              ai R: double range [0, [|max(2147483647, 0) + 1|]]
              generic I1: int
              generic I2: int
              generic I3: int
              generic I4: int
              generic L: long
            }
            merge N on P {
              I1 = [|min(2147483647, 2147483647) + 1|]
              I2 = [|clamp(2147483647, 0, 2147483647) + 1|]
              I3 = [|coalesce(2147483647, 1) + 1|]
              I4 = [|(if true then 2147483647 else 0) + 1|]
              L = [|max(9223372036854775807, 1) * 2|]
            }
            """,
            """
            error DSL3059: The value of this constant expression, 2147483648, does not fit int (-2147483648 to 2147483647); int arithmetic would wrap it around. Write the value itself, or compute in double (2.0 rather than 2).
            error DSL3059: The value of this constant expression, 2147483648, does not fit int (-2147483648 to 2147483647); int arithmetic would wrap it around. Write the value itself, or compute in double (2.0 rather than 2).
            error DSL3059: The value of this constant expression, 2147483648, does not fit int (-2147483648 to 2147483647); int arithmetic would wrap it around. Write the value itself, or compute in double (2.0 rather than 2).
            error DSL3059: The value of this constant expression, 2147483648, does not fit int (-2147483648 to 2147483647); int arithmetic would wrap it around. Write the value itself, or compute in double (2.0 rather than 2).
            error DSL3059: The value of this constant expression, 2147483648, does not fit int (-2147483648 to 2147483647); int arithmetic would wrap it around. Write the value itself, or compute in double (2.0 rather than 2).
            error DSL3059: The value of this constant expression, 18446744073709551614, does not fit long (-9223372036854775808 to 9223372036854775807); long arithmetic would wrap it around. Write the value itself, or compute in double (2.0 rather than 2).
            """);
    }

    [Fact]
    public void Constant_integer_arithmetic_within_range_and_arithmetic_on_points_are_not_errors()
    {
        // On points the wrap is the documented run-time behaviour (runtime.md, section 5).
        var compilation = TestCompiler.Compile(Model + """
            merge M on Power {
              Total = 9223372036854775806 + 1 + Status * 2
              Level = -2147483647 - 1 + Status * Status
            }
            """);

        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.IsError);
    }
}
