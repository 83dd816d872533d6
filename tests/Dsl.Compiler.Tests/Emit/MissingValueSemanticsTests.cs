using Dsl.Runtime.Hosting;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// Missing values through the whole pipeline (docs/language.md section 4, "Missing values"):
/// a missing point makes the output missing unless <c>coalesce</c> absorbs it, in whichever branch
/// it sits and on whichever side of a logical operator; an absent attribute skips the evaluation,
/// inside <c>coalesce</c> and in a branch not taken too.
/// A = 2 triggers; B = 3 is set a minute before unless a test leaves it out.
/// </summary>
public sealed class MissingValueSemanticsTests
{
    [Fact]
    public void A_point_never_seen_makes_the_output_missing_and_counts_it()
    {
        var result = ExpressionJob.Run("A + B", withB: false);
        Assert.Empty(result.Outputs);
        Assert.Equal(1, result[Counter.SkippedMissing]);
        Assert.Equal(0, result[Counter.InvalidResults]);
    }

    [Theory]
    [InlineData("coalesce(B, -1)", false, -1)]
    [InlineData("coalesce(B, -1)", true, 3)]
    [InlineData("coalesce(B, A) * 10", false, 20)]
    [InlineData("A + coalesce(B * 100, B, 0.5)", false, 2.5)]
    [InlineData("A + coalesce(B * 100, B, 0.5)", true, 302)]
    [InlineData("coalesce(prev(A), -5)", true, -5)]
    [InlineData("coalesce(B > 0 ? A : 1, 7)", false, 7)]
    [InlineData("coalesce(B > 0 ? A : 1, 7)", true, 2)]
    [InlineData("coalesce(coalesce(B, prev(A)), 7)", false, 7)]
    [InlineData("coalesce(coalesce(prev(A), B), 7)", true, 3)]
    [InlineData("coalesce(A > 5 ? B : A * 4, 0)", false, 0)]
    [InlineData("coalesce(A > 5 ? B : A * 4, 0)", true, 8)]
    [InlineData("coalesce(A > 0 || B > 0 ? 1 : 2, 3)", false, 3)]
    public void Coalesce_takes_the_first_alternative_that_is_not_missing(string expression, bool withB, double expected)
    {
        Assert.Equal(expected, ExpressionJob.Number(expression, withB: withB));
        Assert.Equal(0, ExpressionJob.Run(expression, withB: withB)[Counter.SkippedMissing]);
    }

    [Fact]
    public void Coalesce_whose_every_alternative_is_missing_is_missing()
    {
        var result = ExpressionJob.Run("coalesce(B, prev(A))", withB: false);
        Assert.Empty(result.Outputs);
        Assert.Equal(1, result[Counter.SkippedMissing]);
    }

    [Fact]
    public void Coalesce_does_not_absorb_an_absent_attribute()
    {
        var result = ExpressionJob.Run("coalesce(Absent, 0)");
        Assert.Empty(result.Outputs);
        Assert.Equal(1, result[Counter.SkippedAttribute]);
        Assert.Equal(0, result[Counter.SkippedMissing]);
    }

    [Fact]
    public void An_attribute_given_in_the_master_data_is_used_and_wins_over_the_default()
    {
        var assets = """[{"assetId":"dev-1","modelId":"M","attributes":{"Absent":40,"K":5}}]""";
        var result = JobRun.Run(ExpressionJob.Source("Absent + K"), ExpressionJob.Inputs(), assets);
        Assert.Equal(45, Assert.Single(result.Outputs).Number);
    }

    [Theory]
    [InlineData("A > 0 ? A : B", "double")]
    [InlineData("A < 0 ? B : A * 3", "double")]
    [InlineData("if A > 0 then A + 1 else B", "double")]
    [InlineData("if A < 0 then B else -A", "double")]
    [InlineData("A < 0 ? A : B", "double")]
    [InlineData("if A > 0 then B else A", "double")]
    [InlineData("B > 0 ? A : A", "double")]
    [InlineData("A > 0 ? A : prev(A)", "double")]
    public void A_missing_value_in_either_branch_makes_the_result_missing(string expression, string type)
    {
        var result = ExpressionJob.Run(expression, type, withB: false);
        Assert.Empty(result.Outputs);
        Assert.Equal(1, result[Counter.SkippedMissing]);
    }

    [Theory]
    [InlineData("A > 0 || B > 0")]
    [InlineData("B > 0 || A > 0")]
    [InlineData("A < 0 && B > 0")]
    [InlineData("B > 0 && A < 0")]
    [InlineData("(A < 0 && B > 0) || A == 2")]
    public void A_missing_value_on_either_side_of_a_logical_operator_makes_the_result_missing(string expression)
    {
        var result = ExpressionJob.Run(expression, "bool", withB: false);
        Assert.Empty(result.Outputs);
        Assert.Equal(1, result[Counter.SkippedMissing]);
    }

    [Theory]
    [InlineData("A > 0 ? A : B", 2)]
    [InlineData("A < 0 ? B : A * 3", 6)]
    [InlineData("if A < 0 then B else -A", -2)]
    public void With_every_value_there_only_the_branch_taken_counts(string expression, double expected)
    {
        Assert.Equal(expected, ExpressionJob.Number(expression, withB: true));
    }

    [Theory]
    [InlineData("A > 0 || B > 0", true)]
    [InlineData("B > 0 || A > 0", true)]
    [InlineData("A < 0 && B > 0", false)]
    [InlineData("B < 0 && A > 0", false)]
    public void With_every_value_there_logical_operators_give_their_usual_result(string expression, bool expected)
    {
        Assert.Equal(expected, ExpressionJob.Single(expression, "bool", withB: true).Bool);
    }

    [Theory]
    [InlineData("A > 0 ? A : Absent")]
    [InlineData("A > 0 || Absent > 0")]
    [InlineData("coalesce(A, Absent)")]
    public void An_absent_attribute_skips_the_evaluation_even_where_it_is_not_computed(string expression)
    {
        var result = ExpressionJob.Run(expression, expression.Contains("||", StringComparison.Ordinal) ? "bool" : "double");
        Assert.Empty(result.Outputs);
        Assert.Equal(1, result[Counter.SkippedAttribute]);
    }

    [Theory]
    [InlineData("on A hold 1m", true)]
    [InlineData("on A hold 59s", false)]
    [InlineData("on A hold 60000ms", true)]
    public void Hold_keeps_a_value_exactly_as_old_as_the_hold_and_drops_an_older_one(string trigger, bool expectOutput)
    {
        // B is 60 s older than the trigger.
        var result = JobRun.Run(ExpressionJob.Source("A + B", trigger: trigger), ExpressionJob.Inputs());
        if (expectOutput)
            Assert.Equal(5, Assert.Single(result.Outputs).Number);
        else
        {
            Assert.Empty(result.Outputs);
            Assert.Equal(1, result[Counter.SkippedMissing]);
        }
    }

    [Fact]
    public void Hold_makes_coalesce_fall_back_to_its_next_alternative()
    {
        var result = JobRun.Run(ExpressionJob.Source("coalesce(B, 100)", trigger: "on A hold 30s"), ExpressionJob.Inputs());
        Assert.Equal(100, Assert.Single(result.Outputs).Number);
    }
}
