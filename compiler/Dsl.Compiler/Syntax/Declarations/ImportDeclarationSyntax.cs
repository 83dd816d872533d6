using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>import "path"</c>: brings the models of another file into scope.</summary>
public sealed record ImportDeclarationSyntax(TextSpan Span, StringLiteralSyntax Path) : DeclarationSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Path);
}
