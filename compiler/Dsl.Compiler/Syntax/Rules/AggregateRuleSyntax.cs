using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// <c>aggregate MODEL window … [options] { TARGET = fn(arg) [where C] [fill N] … }</c>.
/// <see cref="HasEmptyBody"/>: nothing at all between the braces (not outputs that syntax errors broke).
/// </summary>
public sealed record AggregateRuleSyntax(TextSpan Span, NameSyntax Model, WindowSyntax Window, ImmutableArray<RuleOptionSyntax> Options, ImmutableArray<AggregateOutputSyntax> Outputs, bool HasEmptyBody = false) : RuleSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Model, Window, Options, Outputs);

    public override IEnumerable<NameSyntax> OutputTargets() => Outputs.Select(o => o.Target);
}
