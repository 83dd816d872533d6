using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>hold D</c> on a merge.</summary>
public sealed record HoldOptionSyntax(TextSpan Span, DurationSyntax Hold) : RuleOptionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Hold);
}
