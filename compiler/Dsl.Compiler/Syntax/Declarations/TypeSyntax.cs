using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>A type name as written (double, int, long, bool, string); the binder validates it.</summary>
public sealed record TypeSyntax(TextSpan Span, NameSyntax Name) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Name);
}
