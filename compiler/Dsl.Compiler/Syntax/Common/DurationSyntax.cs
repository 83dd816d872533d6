using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// <c>500ms 30s 5m 1h 1d 1w 1mo</c>: an integer amount and a unit, written with no space. The
/// amount is negative when a minus was written before it (<c>hold -5m</c>), which is an error.
/// </summary>
public sealed record DurationSyntax(TextSpan Span, long Amount, DurationUnit Unit) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => [];
}
