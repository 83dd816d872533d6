using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>split</c>: pro-rate steps across day and interval boundaries.</summary>
public sealed record SplitClauseSyntax(TextSpan Span) : EnergyClauseSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => [];
}
