using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>A unit: a name (<c>kW</c>) or a string (<c>"m/s"</c>). <see cref="Text"/> is unquoted.</summary>
public sealed record UnitSyntax(TextSpan Span, string Text, bool IsQuoted) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => [];
}
