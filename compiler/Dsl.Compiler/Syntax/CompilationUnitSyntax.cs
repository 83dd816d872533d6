using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>A whole .stream file: a job (or a model library) as a list of declarations in source order.</summary>
public sealed record CompilationUnitSyntax(TextSpan Span, ImmutableArray<DeclarationSyntax> Declarations) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Declarations);
}
