using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>range INTERVAL</c>: valid power samples.</summary>
public sealed record RangeClauseSyntax(TextSpan Span, IntervalSyntax Interval) : EnergyClauseSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Interval);
}
