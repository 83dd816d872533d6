using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed record BooleanLiteralSyntax(TextSpan Span, bool Value) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => [];
}
