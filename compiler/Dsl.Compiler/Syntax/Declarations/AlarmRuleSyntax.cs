using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// One <c>on … notify …</c> line of an alarm block. <see cref="HasSyntaxError"/>: a syntax error
/// was reported in the line, so its conditions are what was left of it, not checked again.
/// </summary>
public sealed record AlarmRuleSyntax(TextSpan Span, ImmutableArray<AlarmConditionSyntax> Conditions, ImmutableArray<StringLiteralSyntax> Channels, bool HasSyntaxError = false) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Conditions, Channels);
}
