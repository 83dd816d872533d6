using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>a OP b</c>; <see cref="OperatorSpan"/> locates the operator for diagnostics.</summary>
public sealed record BinaryExpressionSyntax(TextSpan Span, ExpressionSyntax Left, BinaryOperator Operator, TextSpan OperatorSpan, ExpressionSyntax Right) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Left, Right);
}
