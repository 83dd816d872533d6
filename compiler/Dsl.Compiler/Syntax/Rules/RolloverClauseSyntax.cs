using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>rollover M</c>: the counter wraps after M.</summary>
public sealed record RolloverClauseSyntax(TextSpan Span, ExpressionSyntax Value) : EnergyClauseSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Value);
}
