using System.Text.Json;
using Dsl.Runtime.Hosting;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// Operators through the whole pipeline (compile, load, run): precedence and associativity,
/// integer and floating arithmetic with widening, division by zero, and interval tests. Inputs:
/// A = 2, B = 3, I = 7 (int), L = 5,000,000,000 (long), attribute K = 2 (its default). Every
/// expected value is worked out by hand from docs/language.md section 4.
/// </summary>
public sealed class OperatorSemanticsTests
{
    [Theory]
    [InlineData("A + B * 4", 14)]
    [InlineData("(A + B) * 4", 20)]
    [InlineData("-A ^ 2", -4)]
    [InlineData("2 ^ 3 ^ 2", 512)]
    [InlineData("A ^ B ^ 2", 512)]
    [InlineData("(A ^ B) ^ 2", 64)]
    [InlineData("A - B - 1", -2)]
    [InlineData("24 / A / B", 4)]
    [InlineData("10 - A * B ^ 2 / 3", 4)]
    [InlineData("7 % 4 * 2", 6)]
    [InlineData("2 * 7 % 4", 2)]
    [InlineData("-A * -B", 6)]
    [InlineData("A > 1 ? A : B + 10", 2)]
    [InlineData("A < 1 ? A : B + 10", 13)]
    [InlineData("if A < 1 then A else B + 10", 13)]
    [InlineData("A * K + B", 7)]
    [InlineData("pow(A, B) - A ^ B", 0)]
    [InlineData("M::A + A", 4)]
    [InlineData("M::A * M::K", 4)]
    public void Arithmetic_follows_the_documented_precedence_and_associativity(string expression, double expected)
    {
        Assert.Equal(expected, ExpressionJob.Number(expression));
    }

    /// <summary>
    /// A cube is the product x * x * x however the exponent is written (runtime.md, section 5):
    /// A * 0.3 is 0.6, whose product is 0.216 where Pow gives 0.21599999999999997.
    /// </summary>
    [Theory]
    [InlineData("(A * 0.3) ^ 3")]
    [InlineData("pow(A * 0.3, 3)")]
    [InlineData("(A * 0.3) ^ B")]
    [InlineData("pow(A * 0.3, B)")]
    [InlineData("(A * 0.3) ^ (A + 1)")]
    [InlineData("0.6 ^ (2 + 1)")]
    [InlineData("pow(0.6, 3)")]
    public void Powers_of_two_and_three_are_products_however_the_exponent_is_written(string expression)
    {
        Assert.Equal(0.6 * 0.6 * 0.6, ExpressionJob.Number(expression));
    }

    [Theory]
    [InlineData("true || false && false", true)]
    [InlineData("A < B == B < A", false)]
    [InlineData("!(A > B) && A in [1, 2]", true)]
    [InlineData("A + B > 4 == true", true)]
    [InlineData("!F || A > B", false)]
    [InlineData("A > 1 ? false : true", false)]
    public void Boolean_operators_bind_as_documented(string expression, bool expected)
    {
        var output = ExpressionJob.Single(expression, "bool");
        Assert.Equal(expected ? JsonValueKind.True : JsonValueKind.False, output.ValueKind);
    }

    [Theory]
    [InlineData("I + 1", 8)]
    [InlineData("I * I - 50", -1)]
    [InlineData("-I", -7)]
    [InlineData("abs(I - 10)", 3)]
    [InlineData("max(I, 3)", 7)]
    [InlineData("min(I, 3, 5)", 3)]
    [InlineData("clamp(I, 0, 5)", 5)]
    [InlineData("sign(-I)", -1)]
    public void Int_arithmetic_stays_int_and_is_written_as_an_integer(string expression, long expected)
    {
        var output = ExpressionJob.Single(expression, "int");
        Assert.Equal(JsonValueKind.Number, output.ValueKind);
        Assert.Equal(expected, output.Number);
    }

    [Theory]
    [InlineData("L + I", 5_000_000_007)]
    [InlineData("L * 2", 10_000_000_000)]
    [InlineData("max(I, L)", 5_000_000_000)]
    [InlineData("L - L", 0)]
    public void Long_arithmetic_widens_int_and_keeps_values_beyond_32_bits(string expression, long expected)
    {
        Assert.Equal(expected, ExpressionJob.Number(expression, "long"));
    }

    [Theory]
    [InlineData("I / 2", 3.5)]
    [InlineData("7 / 2", 3.5)]
    [InlineData("I + 0.5", 7.5)]
    [InlineData("I * 2.5", 17.5)]
    [InlineData("I % 4", 3)]
    [InlineData("-I % 4", -3)]
    [InlineData("L / 1000000000", 5)]
    [InlineData("I + 1", 8)]
    [InlineData("I ^ 2", 49)]
    [InlineData("min(I, 2.5)", 2.5)]
    public void Int_and_long_widen_to_double_and_division_is_always_in_double(string expression, double expected)
    {
        Assert.Equal(expected, ExpressionJob.Number(expression));
    }

    [Theory]
    [InlineData("I == 7.0", true)]
    [InlineData("L > I", true)]
    [InlineData("I != 7", false)]
    public void Comparisons_between_numeric_types_widen(string expression, bool expected)
    {
        Assert.Equal(expected, ExpressionJob.Single(expression, "bool").Bool);
    }

    [Theory]
    [InlineData("A / 0")]
    [InlineData("A % 0")]
    [InlineData("A / (B - 3)")]
    [InlineData("1 / (A - A)")]
    [InlineData("sqrt(-A)")]
    [InlineData("ln(A - A)")]
    [InlineData("exp(1000 * A)")]
    [InlineData("A / 0 * 0")]
    public void Division_by_zero_and_invalid_math_are_not_emitted_and_are_counted_as_invalid_results(string expression)
    {
        var result = ExpressionJob.Run(expression);
        Assert.Empty(result.Outputs);
        Assert.Equal(1, result[Counter.InvalidResults]);
        Assert.Equal(0, result[Counter.SkippedMissing]);
        Assert.Equal(0, result[Counter.Outputs]);
    }

    [Theory]
    [InlineData("isnan(1 / (A - A))", true)]
    [InlineData("isnan(A % 0)", true)]
    [InlineData("isnan(sqrt(-A))", true)]
    [InlineData("isnan(A)", false)]
    [InlineData("1 / (A - A) > 0", false)]
    public void Division_by_zero_is_NaN_rather_than_an_infinity(string expression, bool expected)
    {
        var output = ExpressionJob.Single(expression, "bool");
        Assert.Equal(expected, output.Bool);
    }

    [Theory]
    [InlineData("A in (-inf, 2]", true)]
    [InlineData("A in (-inf, 2)", false)]
    [InlineData("A in [2, +inf)", true)]
    [InlineData("A in (2, inf)", false)]
    [InlineData("A in (-inf, +inf)", true)]
    [InlineData("A / 0 in (-inf, +inf)", false)]
    [InlineData("A in [K, K * 2]", true)]
    [InlineData("A in (K, K * 2]", false)]
    [InlineData("A in [B - 1, B)", true)]
    [InlineData("B in [B - 1, B)", false)]
    [InlineData("I in [7, 7]", true)]
    [InlineData("-A in [-2, 0)", true)]
    public void Interval_tests_respect_brackets_and_infinite_bounds(string expression, bool expected)
    {
        Assert.Equal(expected, ExpressionJob.Single(expression, "bool").Bool);
    }

    [Fact]
    public void An_aggregate_argument_that_is_NaN_is_left_out_and_counted_as_an_invalid_result()
    {
        const string source = """
            job nan_argument

            model M {
              ai A: double
              ai Avg
              ai Samples
            }

            aggregate M window tumbling 10m {
              Avg     = avg(A / (A - 2))
              Samples = count(A / (A - 2))
            }
            """;
        // A = 2 gives 2 / 0 = NaN; A = 4 gives 2; A = 3 gives 3.
        string[] input = [.. new[] { 2.0, 4.0, 3.0 }.Select((a, i) => Rec.Line("d", "M", "A", $"2026-01-05T10:0{i}:00Z", a))];
        var run = JobRun.Run(source, input);

        Assert.Equal(2.5, run.Value("Avg", Rec.Ms("2026-01-05T10:00:00Z")));
        Assert.Equal(2, run.Value("Samples", Rec.Ms("2026-01-05T10:00:00Z")));
        Assert.Equal(2, run[Counter.InvalidResults]);
    }
}
