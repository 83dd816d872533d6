using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>Stands where the parser expected an expression and found none (already reported as a syntax error; the binder stays quiet about it).</summary>
public sealed record MissingExpressionSyntax(TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => [];
}
