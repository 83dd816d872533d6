using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// <c>merge MODEL (on P | every D) [hold D] { TARGET = EXPR … }</c>. <see cref="HasEmptyBody"/>:
/// nothing at all between the braces (not outputs that syntax errors broke).
/// </summary>
public sealed record MergeRuleSyntax(TextSpan Span, NameSyntax Model, MergeTriggerSyntax Trigger, ImmutableArray<RuleOptionSyntax> Options, ImmutableArray<MergeOutputSyntax> Outputs, bool HasEmptyBody = false) : RuleSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Model, Trigger, Options, Outputs);

    public override IEnumerable<NameSyntax> OutputTargets() => Outputs.Select(o => o.Target);
}
