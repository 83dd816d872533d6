using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>TARGET = EXPRESSION</c> in a merge block.</summary>
public sealed record MergeOutputSyntax(TextSpan Span, NameSyntax Target, ExpressionSyntax Value) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Target, Value);
}
