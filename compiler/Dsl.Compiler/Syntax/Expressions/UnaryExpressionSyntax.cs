using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>-x</c> or <c>!x</c>.</summary>
public sealed record UnaryExpressionSyntax(TextSpan Span, UnaryOperator Operator, ExpressionSyntax Operand) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Operand);
}
