using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>on P</c>: evaluate on each record of P.</summary>
public sealed record OnPointTriggerSyntax(TextSpan Span, PointReferenceSyntax Point) : MergeTriggerSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Point);
}
