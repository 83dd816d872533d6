using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>( expression )</c>, kept so formatting and spans follow the text.</summary>
public sealed record ParenthesizedExpressionSyntax(TextSpan Span, ExpressionSyntax Expression) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Expression);
}
