using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// <c>TARGET = function(arguments) [where CONDITION] [fill VALUE]</c>. <paramref name="ArgumentsClosed"/>
/// is false when the ')' is missing: the argument list was left unfinished (a syntax error),
/// so how many arguments it has says nothing. <paramref name="IsCutShort"/> is true when the
/// line goes on with text reported as a syntax error (<c>where P = 0</c>): the output's last
/// expression is only the start of what was meant.
/// </summary>
public sealed record AggregateOutputSyntax(TextSpan Span, NameSyntax Target, NameSyntax Function, ImmutableArray<ExpressionSyntax> Arguments, bool ArgumentsClosed, ExpressionSyntax? Where, ExpressionSyntax? Fill, bool IsCutShort) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Target, Function, Arguments, Where, Fill);
}
