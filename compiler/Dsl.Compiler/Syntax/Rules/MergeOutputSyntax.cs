using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// <c>TARGET = EXPRESSION</c> in a merge block. <paramref name="IsCutShort"/> is true when the
/// line goes on with text reported as a syntax error (<c>F = Q = 0</c>): the value is only the
/// start of what was meant.
/// </summary>
public sealed record MergeOutputSyntax(TextSpan Span, NameSyntax Target, ExpressionSyntax Value, bool IsCutShort) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Target, Value);
}
