using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>HH:MM</c> in a schedule. Hour and minute are as written; the binder checks their range.</summary>
public sealed record TimeOfDaySyntax(TextSpan Span, int Hour, int Minute) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => [];
}
