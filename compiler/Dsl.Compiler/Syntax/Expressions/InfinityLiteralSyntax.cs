using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>-inf</c> / <c>+inf</c> / <c>inf</c>, allowed only as an interval bound.</summary>
public sealed record InfinityLiteralSyntax(TextSpan Span, bool IsNegative) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => [];
}
