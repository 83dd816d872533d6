using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>hopping SIZE step STEP</c>.</summary>
public sealed record HoppingWindowSyntax(TextSpan Span, DurationSyntax Size, DurationSyntax Step) : WindowSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Size, Step);
}
