using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>A point or attribute: bare, or <c>Model::Point</c>.</summary>
public sealed record NameExpressionSyntax(TextSpan Span, NameSyntax? Model, NameSyntax Name) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Model, Name);
}
