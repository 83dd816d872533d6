using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>aggregate MODEL window … [options] { TARGET = fn(arg) [where C] [fill N] … }</c>.</summary>
public sealed record AggregateRuleSyntax(TextSpan Span, NameSyntax Model, WindowSyntax Window, ImmutableArray<RuleOptionSyntax> Options, ImmutableArray<AggregateOutputSyntax> Outputs) : RuleSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Model, Window, Options, Outputs);
}
