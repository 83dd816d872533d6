using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Tests.Parsing;

public sealed class ExpressionParsingTests
{
    /// <summary>Parses an expression as the value of a merge output and prints its structure.</summary>
    private static string Parse(string expression)
    {
        var tree = SyntaxAssert.Clean($"merge M on P {{\n  Out = {expression}\n}}");
        return ExpressionPrinter.Print(SyntaxAssert.Single<MergeOutputSyntax>(tree).Value);
    }

    [Theory]
    [InlineData("a + b * c ^ d ^ e", "(+ a (* b (^ c (^ d e))))")]
    [InlineData("a - b - c", "(- (- a b) c)")]
    [InlineData("a / b * c % d", "(% (* (/ a b) c) d)")]
    [InlineData("a ^ b ^ c", "(^ a (^ b c))")]
    [InlineData("-a ^ 2", "(neg (^ a 2))")]
    [InlineData("-a * b", "(* (neg a) b)")]
    [InlineData("2 ^ -x", "(^ 2 (neg x))")]
    [InlineData("!a && b", "(&& (not a) b)")]
    [InlineData("a || b && c", "(|| a (&& b c))")]
    [InlineData("a == b < c", "(== a (< b c))")]
    [InlineData("a < b + 1", "(< a (+ b 1))")]
    [InlineData("a != b == c", "(== (!= a b) c)")]
    [InlineData("a <= b && c >= d", "(&& (<= a b) (>= c d))")]
    [InlineData("(a + b) * c", "(* (group (+ a b)) c)")]
    [InlineData("c ? a : b ? d : e", "(? c a (? b d e))")]
    [InlineData("a || b ? c : d", "(? (|| a b) c d)")]
    [InlineData("c ? a + 1 : b", "(? c (+ a 1) b)")]
    public void Operators_follow_the_specified_precedence_and_associativity(string expression, string expected) =>
        Assert.Equal(expected, Parse(expression));

    [Theory]
    [InlineData("x in [0, 100)", "(in x [0, 100))")]
    [InlineData("x in (0, 12]", "(in x (0, 12])")]
    [InlineData("x in (-inf, 50]", "(in x (-inf, 50])")]
    [InlineData("x in [0, +inf)", "(in x [0, +inf))")]
    [InlineData("x + 1 in [0, 2 * y]", "(in (+ x 1) [0, (* 2 y)])")]
    [InlineData("x in [0, 1] && y in [-1, 1]", "(&& (in x [0, 1]) (in y [-1, 1]))")]
    [InlineData("x in [0, 1] == true", "(== (in x [0, 1]) true)")]
    [InlineData("!(x in [0, 1])", "(not (group (in x [0, 1])))")]
    public void In_tests_an_interval_at_the_level_of_comparisons(string expression, string expected) =>
        Assert.Equal(expected, Parse(expression));

    [Fact]
    public void Interval_bounds_are_infinities_or_expressions()
    {
        var interval = SyntaxAssert.Single<InExpressionSyntax>(SyntaxAssert.Clean("merge M on P { X = v in (-inf, RatedPower * 1.2] }")).Interval;
        Assert.False(interval.LowerInclusive);
        Assert.True(Assert.IsType<InfinityLiteralSyntax>(interval.Lower).IsNegative);
        Assert.IsType<BinaryExpressionSyntax>(interval.Upper);
        Assert.True(interval.UpperInclusive);
    }

    [Theory]
    [InlineData("if c then a else b", "(if c a b)")]
    [InlineData("if c then a else b + 1", "(if c a (+ b 1))")]
    [InlineData("if a then b else if c then d else e", "(if a b (if c d e))")]
    [InlineData("1 + if c then a else b", "(+ 1 (if c a b))")]
    [InlineData("if x > 0 && y then -x else x", "(if (&& (> x 0) y) (neg x) x)")]
    public void If_then_else_is_the_conditional_in_words(string expression, string expected) =>
        Assert.Equal(expected, Parse(expression));

    [Theory]
    [InlineData("sqrt(x)", "sqrt(x)")]
    [InlineData("round(x, 2)", "round(x, 2)")]
    [InlineData("hour()", "hour()")]
    [InlineData("coalesce(a, b, c, 0)", "coalesce(a, b, c, 0)")]
    [InlineData("max(a, min(b, c))", "max(a, min(b, c))")]
    [InlineData("clamp(abs(x - 1), 0, 1)", "clamp(abs((- x 1)), 0, 1)")]
    [InlineData("Meter::Power * 2", "(* Meter::Power 2)")]
    [InlineData("`Meter.Total-kWh` + 1", "(+ Meter.Total-kWh 1)")]
    public void Calls_and_names(string expression, string expected) =>
        Assert.Equal(expected, Parse(expression));

    [Theory]
    [InlineData("12", 12.0, true)]
    [InlineData("-3.5", -3.5, false)]
    [InlineData("1e3", 1000.0, false)]
    [InlineData("2.5E-3", 0.0025, false)]
    [InlineData("0", 0.0, true)]
    public void Numbers_with_sign_fraction_and_exponent(string text, double value, bool isInteger)
    {
        var number = Assert.IsType<NumberLiteralSyntax>(SyntaxAssert.Single<MergeOutputSyntax>(SyntaxAssert.Clean($"merge M on P {{ X = {text} }}")).Value);
        Assert.Equal(value, number.Value);
        Assert.Equal(isInteger, number.IsInteger);
        Assert.Equal(text.Length, number.Span.Length);
    }

    [Fact]
    public void A_minus_apart_from_its_number_is_a_negation()
    {
        Assert.Equal("(neg 3)", Parse("- 3"));
        Assert.Equal("(- a 3)", Parse("a -3"));
    }

    [Fact]
    public void Strings_resolve_their_escapes()
    {
        var value = Assert.IsType<StringLiteralSyntax>(SyntaxAssert.Single<MergeOutputSyntax>(
            SyntaxAssert.Clean("""merge M on P { X = "a \"b\" \\ c\nd\te \u00e9 \u20AC" }""")).Value).Value;
        Assert.Equal("a \"b\" \\ c\nd\te é €", value);
    }

    [Fact]
    public void Booleans_and_parentheses()
    {
        Assert.Equal("(|| true (&& false (group (not a))))", Parse("true || false && (!a)"));
    }

    [Fact]
    public void Expression_spans_cover_exactly_their_text()
    {
        const string text = "merge M on P { X = (a + b) * -c }";
        var value = SyntaxAssert.Single<MergeOutputSyntax>(SyntaxAssert.Clean(text)).Value;
        var multiply = Assert.IsType<BinaryExpressionSyntax>(value);
        Assert.Equal("(a + b) * -c", text.Substring(multiply.Span.Start, multiply.Span.Length));
        Assert.Equal("*", text.Substring(multiply.OperatorSpan.Start, multiply.OperatorSpan.Length));
        Assert.Equal("(a + b)", text.Substring(multiply.Left.Span.Start, multiply.Left.Span.Length));
        Assert.Equal("-c", text.Substring(multiply.Right.Span.Start, multiply.Right.Span.Length));
    }

    [Fact]
    public void Attribute_defaults_and_energy_clauses_take_full_expressions()
    {
        var tree = SyntaxAssert.Clean("""
            model M { attribute Limit = 2 * (1 + 0.5) kW }
            energy M from P by meter { slope [0, Limit * 1.2] scale if Ratio > 0 then Ratio else 1 }
            """);
        Assert.Equal("(* 2 (group (+ 1 0.5)))", ExpressionPrinter.Print(SyntaxAssert.Single<AttributeDeclarationSyntax>(tree).Default!));
        Assert.Equal("(if (> Ratio 0) Ratio 1)", ExpressionPrinter.Print(SyntaxAssert.Single<ScaleClauseSyntax>(tree).Value));
    }
}
