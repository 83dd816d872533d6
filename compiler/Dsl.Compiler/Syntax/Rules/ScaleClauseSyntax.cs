using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>scale EXPR</c>: multiplier of every step (CT/PT ratio).</summary>
public sealed record ScaleClauseSyntax(TextSpan Span, ExpressionSyntax Value) : EnergyClauseSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Value);
}
