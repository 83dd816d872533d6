using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>x in INTERVAL</c>.</summary>
public sealed record InExpressionSyntax(TextSpan Span, ExpressionSyntax Operand, IntervalSyntax Interval) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Operand, Interval);
}
