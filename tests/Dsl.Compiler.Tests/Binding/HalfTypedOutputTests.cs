using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Tests.Binding;

/// <summary>
/// What the editor shows while an output is being typed: the one syntax error of the
/// unfinished output and nothing that follows from it, while the next output (here with a
/// misspelt point of its own) is still read and checked.
/// </summary>
public sealed class HalfTypedOutputTests
{
    [Theory]
    [InlineData("aggregate M window tumbling 10m {\n  Out = avg([||]\n  Out2 = max([|Powr|])\n}",
        "error DSL1009: Expected an expression or ')' after '('.")]
    [InlineData("aggregate M window tumbling 10m {\n  Out = percentile(Power,[||]\n  Out2 = max([|Powr|])\n}",
        "error DSL1009: Expected an expression after ','.")]
    [InlineData("merge M on Reactive {\n  Out = abs([||]\n  Out2 = [|Powr|] * 2\n}",
        "error DSL1009: Expected an expression or ')' after '('.")]
    [InlineData("merge M on Reactive {\n  Out = max(Power,[||]\n  Out2 = [|Powr|] * 2\n}",
        "error DSL1009: Expected an expression after ','.")]
    [InlineData("merge M on Reactive {\n  Out = Power + sqrt([||]\n  Out2 = [|Powr|] * 2\n}",
        "error DSL1009: Expected an expression or ')' after '('.")]
    // A word skipped around an aggregate's function leaves the word taken for it a guess, not a second error.
    [InlineData("aggregate M window tumbling 10m {\n  Out = [|where|] Power > 0\n  Out2 = max([|Powr|])\n}",
        "error DSL1001: Unexpected 'where'; expected an aggregate function (such as avg, max or count).")]
    [InlineData("aggregate M window tumbling 10m {\n  Out = emit [|avg|](Power)\n  Out2 = max([|Powr|])\n}",
        "error DSL1001: Unexpected 'avg'; expected '('.")]
    public void An_unclosed_or_garbled_call_reports_only_its_syntax_error_and_the_next_output_is_bound(string rule, string syntaxError)
    {
        DiagnosticAssert.Reports(StreamRuleTests.Model + rule, $"""
            {syntaxError}
            error DSL2003: The point "Powr" is not declared in model "M". Did you mean "Power"?
            """);
        Assert.Equal(["Out", "Out2"], OutputNames(rule));
    }

    [Theory]
    [InlineData("aggregate M window tumbling 10m {\n  Out = avg([||]\n}")]
    [InlineData("merge M on Reactive {\n  Out = prev([||]\n}")]
    public void An_unclosed_call_at_the_end_of_a_block_is_one_syntax_error(string rule)
    {
        DiagnosticAssert.Reports(StreamRuleTests.Model + rule, "error DSL1009: Expected an expression or ')' after '('.");
    }

    private static IEnumerable<string> OutputNames(string rule) => SyntaxTree.Parse(AnnotatedText.Parse(rule).Text).Root.Declarations.Single() switch
    {
        AggregateRuleSyntax aggregate => aggregate.Outputs.Select(output => output.Target.Text),
        MergeRuleSyntax merge => merge.Outputs.Select(output => output.Target.Text),
        _ => [],
    };
}
