using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>job NAME "description"</c>: makes the file a job rather than a model library.</summary>
public sealed record JobDeclarationSyntax(TextSpan Span, NameSyntax Name, StringLiteralSyntax? Description) : DeclarationSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Name, Description);
}
