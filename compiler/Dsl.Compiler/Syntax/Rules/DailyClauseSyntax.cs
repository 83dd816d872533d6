using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>daily TARGET</c>: energy per local calendar day.</summary>
public sealed record DailyClauseSyntax(TextSpan Span, NameSyntax Target) : EnergyClauseSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Target);
}
