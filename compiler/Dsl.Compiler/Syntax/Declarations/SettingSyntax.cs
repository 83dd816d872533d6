using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>One <c>key value</c> line of a settings block. The value is an <see cref="ExpressionSyntax"/> (a name such as <c>realtime</c>, a string or a number) or a <see cref="DurationSyntax"/>.</summary>
public sealed record SettingSyntax(TextSpan Span, NameSyntax Key, SyntaxNode Value) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Key, Value);
}
