using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>slope INTERVAL</c>: valid kWh per hour of a meter step.</summary>
public sealed record SlopeClauseSyntax(TextSpan Span, IntervalSyntax Interval) : EnergyClauseSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Interval);
}
