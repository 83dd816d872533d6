using System.Text.Json;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// Built-in functions, strings and booleans through the whole pipeline. Inputs: A (set per test,
/// 2 by default), B = 3, I = 7, S = "run", F = true. Expected values by hand.
/// </summary>
public sealed class FunctionSemanticsTests
{
    [Theory]
    [InlineData(2.5, 3)]
    [InlineData(-2.5, -3)]
    [InlineData(0.5, 1)]
    [InlineData(-0.5, -1)]
    [InlineData(1.4999, 1)]
    [InlineData(-7.2, -7)]
    public void Round_takes_halves_away_from_zero(double a, double expected)
    {
        Assert.Equal(expected, ExpressionJob.Number("round(A)", a: a));
    }

    [Theory]
    [InlineData("round(A, 1)", 1.25, 1.3)]
    [InlineData("round(A, 1)", -1.25, -1.3)]
    [InlineData("round(A, 2)", 1234.5678, 1234.57)]
    [InlineData("round(A, 0)", 2.5, 3)]
    [InlineData("round(A, 3)", 0.0625, 0.063)]
    [InlineData("round(A, 2)", 1.005, 1.01)]
    [InlineData("round(A, 2)", -1.005, -1.01)]
    [InlineData("round(A, 2)", 1.015, 1.02)]
    [InlineData("round(A, 2)", 2.675, 2.68)]
    [InlineData("round(A, 1)", 0.35, 0.4)]
    [InlineData("round(A, 2)", 1.00499, 1.0)]
    [InlineData("round(A, 15)", 0.1 + 0.2, 0.3)]
    [InlineData("round(A, 2)", 1e20 + 0.5, 1e20)]
    public void Round_with_digits_rounds_to_that_many_decimals(string expression, double a, double expected)
    {
        Assert.Equal(expected, ExpressionJob.Number(expression, a: a));
    }

    [Theory]
    [InlineData("floor(A)", -2.5, -3)]
    [InlineData("ceil(A)", -2.5, -2)]
    [InlineData("abs(A)", -2.5, 2.5)]
    [InlineData("sqrt(A)", 6.25, 2.5)]
    [InlineData("log10(A)", 1000, 3)]
    [InlineData("exp(ln(A))", 1, 1)]
    public void Scalar_functions_compute_their_definitions(string expression, double a, double expected)
    {
        Assert.Equal(expected, ExpressionJob.Number(expression, a: a));
    }

    [Theory]
    [InlineData("clamp(A, 0, 1)", 1)]
    [InlineData("clamp(-A, 0, 1)", 0)]
    [InlineData("clamp(A, 0, 5)", 2)]
    [InlineData("clamp(A, B, B * 2)", 3)]
    public void Clamp_limits_a_value_to_its_bounds(string expression, double expected)
    {
        Assert.Equal(expected, ExpressionJob.Number(expression));
    }

    [Theory]
    [InlineData("max", 4.0)]
    [InlineData("min", -1.0)]
    public void Min_and_max_of_thousands_of_arguments_compile_and_compute(string function, double expected)
    {
        // Nested Math.Max calls as deep as the list is long would be refused by Roslyn (CS8078).
        var arguments = string.Join(", ", Enumerable.Repeat("A", 4000)) + ", B + 1, A - 3";
        Assert.Equal(expected, ExpressionJob.Number($"{function}({arguments})"));
        Assert.Equal(function == "max" ? 4.0 : 2.0, ExpressionJob.Number($"{function}(A, B + 1, A, A, A, A, A, A, A, A, A)"));
    }

    [Theory]
    [InlineData(2.0, 1)]
    [InlineData(-0.001, -1)]
    [InlineData(0.0, 0)]
    public void Sign_is_an_int_of_minus_one_zero_or_one(double a, int expected)
    {
        var output = ExpressionJob.Single("sign(A)", "int", a: a);
        Assert.Equal(expected, output.Number);
    }

    [Fact]
    public void Sign_of_an_int_expression_is_an_int()
    {
        Assert.Equal(-1, ExpressionJob.Number("sign(I - 10) * 1", "int"));
    }

    [Theory]
    [InlineData("S == \"run\"", true)]
    [InlineData("S != \"stop\"", true)]
    [InlineData("S == \"Run\"", false)]
    [InlineData("S == S", true)]
    public void String_equality_is_ordinal(string expression, bool expected)
    {
        Assert.Equal(expected, ExpressionJob.Single(expression, "bool").Bool);
    }

    [Theory]
    [InlineData("S", "run")]
    [InlineData("A > 1 ? \"high\" : \"low\"", "high")]
    [InlineData("if S == \"run\" then \"on\" else S", "on")]
    public void A_string_output_is_written_as_a_JSON_string(string expression, string expected)
    {
        var output = ExpressionJob.Single(expression, "string");
        Assert.Equal(JsonValueKind.String, output.ValueKind);
        Assert.Equal(expected, output.Text);
    }

    [Theory]
    [InlineData("F", true)]
    [InlineData("!F", false)]
    [InlineData("F && A > 1", true)]
    [InlineData("A > B", false)]
    public void A_bool_output_is_written_as_a_JSON_boolean(string expression, bool expected)
    {
        var output = ExpressionJob.Single(expression, "bool");
        Assert.Equal(expected ? JsonValueKind.True : JsonValueKind.False, output.ValueKind);
    }

    [Fact]
    public void Prev_of_a_string_point_is_the_previous_string()
    {
        string[] input =
        [
            Rec.Line("dev-1", "M", "S", "2026-01-05T09:00:00Z", "idle"),
            Rec.Line("dev-1", "M", "S", "2026-01-05T09:30:00Z", "run"),
            Rec.Line("dev-1", "M", "A", "2026-01-05T10:00:00Z", 1.0),
        ];
        var output = Assert.Single(JobRun.Run(ExpressionJob.Source("coalesce(prev(S), \"none\")", "string"), input).Outputs);
        Assert.Equal("idle", output.Text);
    }
}
