using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>One <c>on … notify …</c> line of an alarm block.</summary>
public sealed record AlarmRuleSyntax(TextSpan Span, ImmutableArray<AlarmConditionSyntax> Conditions, ImmutableArray<StringLiteralSyntax> Channels) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Conditions, Channels);
}
