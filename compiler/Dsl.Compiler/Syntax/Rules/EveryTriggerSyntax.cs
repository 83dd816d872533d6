using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>every D</c>: evaluate at each grid time of D in event time.</summary>
public sealed record EveryTriggerSyntax(TextSpan Span, DurationSyntax Period) : MergeTriggerSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Period);
}
