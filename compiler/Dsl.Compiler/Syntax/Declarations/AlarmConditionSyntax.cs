using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>failed</c>, <c>errors &gt; 100 per 10m</c> or <c>lag &gt; 5m</c>: a metric, optionally compared with a threshold (an <see cref="ExpressionSyntax"/> or a <see cref="DurationSyntax"/>) over an optional period.</summary>
public sealed record AlarmConditionSyntax(TextSpan Span, NameSyntax Metric, string? Operator, SyntaxNode? Threshold, DurationSyntax? Per) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Metric, Threshold, Per);
}
