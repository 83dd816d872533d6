using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>lateness D</c> on a rule.</summary>
public sealed record LatenessOptionSyntax(TextSpan Span, DurationSyntax Lateness) : RuleOptionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Lateness);
}
