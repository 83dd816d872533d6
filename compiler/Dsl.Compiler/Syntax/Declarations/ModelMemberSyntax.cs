using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>A point or an attribute of a model.</summary>
public abstract record ModelMemberSyntax(TextSpan Span) : SyntaxNode(Span)
{
    public abstract NameSyntax Name { get; init; }
}
