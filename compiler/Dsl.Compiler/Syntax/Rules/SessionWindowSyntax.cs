using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>session GAP [max D]</c>.</summary>
public sealed record SessionWindowSyntax(TextSpan Span, DurationSyntax Gap, DurationSyntax? Max) : WindowSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Gap, Max);
}
