using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>A string; <see cref="Value"/> has its escapes resolved.</summary>
public sealed record StringLiteralSyntax(TextSpan Span, string Value) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => [];
}
