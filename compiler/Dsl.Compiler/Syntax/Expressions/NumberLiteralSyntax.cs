using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// <c>12</c>, <c>-3.5</c>, <c>1e3</c>. <see cref="IsInteger"/> when written without a fraction or
/// exponent; then <see cref="Integer"/> is its exact value when it fits a long (a double holds
/// only 53 bits, so <see cref="Value"/> may have lost the last digits).
/// </summary>
public sealed record NumberLiteralSyntax(TextSpan Span, double Value, bool IsInteger, long? Integer) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => [];
}
