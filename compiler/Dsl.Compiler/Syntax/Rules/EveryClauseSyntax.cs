using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>every D TARGET</c>: energy per fixed interval.</summary>
public sealed record EveryClauseSyntax(TextSpan Span, DurationSyntax Period, NameSyntax Target) : EnergyClauseSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Period, Target);
}
