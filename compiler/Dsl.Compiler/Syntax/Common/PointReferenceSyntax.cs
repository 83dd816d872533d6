using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>A point named in a rule header (<c>on P</c>, <c>from P</c>): bare or <c>Model::Point</c>.</summary>
public sealed record PointReferenceSyntax(TextSpan Span, NameSyntax? Model, NameSyntax Point) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Model, Point);
}
