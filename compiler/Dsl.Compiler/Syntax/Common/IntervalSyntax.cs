using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>[0, 100)</c>, <c>(-inf, 50]</c>: bounds are expressions or <see cref="InfinityLiteralSyntax"/>.</summary>
public sealed record IntervalSyntax(TextSpan Span, bool LowerInclusive, ExpressionSyntax Lower, ExpressionSyntax Upper, bool UpperInclusive) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Lower, Upper);
}
