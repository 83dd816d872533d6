using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>attribute NAME[: type] [= default] [unit]</c>.</summary>
public sealed record AttributeDeclarationSyntax(TextSpan Span, NameSyntax Name, TypeSyntax? Type, ExpressionSyntax? Default, UnitSyntax? Unit) : ModelMemberSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Name, Type, Default, Unit);
}
