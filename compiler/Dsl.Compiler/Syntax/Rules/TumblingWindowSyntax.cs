using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>tumbling SIZE [offset D]</c>.</summary>
public sealed record TumblingWindowSyntax(TextSpan Span, DurationSyntax Size, DurationSyntax? Offset) : WindowSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Size, Offset);
}
