using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>model NAME { points and attributes }</c>.</summary>
public sealed record ModelDeclarationSyntax(TextSpan Span, NameSyntax Name, ImmutableArray<ModelMemberSyntax> Members) : DeclarationSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Name, Members);
}
