using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>ai NAME[: type] [unit] [range INTERVAL]</c>. <see cref="Kind"/> is the kind word as written (ai, di, pi, generic); the binder validates it.</summary>
public sealed record PointDeclarationSyntax(TextSpan Span, NameSyntax Kind, NameSyntax Name, TypeSyntax? Type, UnitSyntax? Unit, IntervalSyntax? Range) : ModelMemberSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Kind, Name, Type, Unit, Range);
}
