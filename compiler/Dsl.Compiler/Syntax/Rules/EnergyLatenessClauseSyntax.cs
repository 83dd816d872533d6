using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>lateness D</c> inside an energy block.</summary>
public sealed record EnergyLatenessClauseSyntax(TextSpan Span, DurationSyntax Lateness) : EnergyClauseSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Lateness);
}
