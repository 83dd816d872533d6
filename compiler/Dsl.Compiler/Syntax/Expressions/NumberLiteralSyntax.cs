using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>12</c>, <c>-3.5</c>, <c>1e3</c>. <see cref="IsInteger"/> when written without a fraction or exponent.</summary>
public sealed record NumberLiteralSyntax(TextSpan Span, double Value, bool IsInteger) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => [];
}
