using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>c ? a : b</c> or <c>if c then a else b</c>.</summary>
public sealed record ConditionalExpressionSyntax(TextSpan Span, ExpressionSyntax Condition, ExpressionSyntax WhenTrue, ExpressionSyntax WhenFalse, bool IsIfForm) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Condition, WhenTrue, WhenFalse);
}
