using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// <c>TARGET = function(arguments) [where CONDITION] [fill VALUE]</c>. <paramref name="ArgumentsClosed"/>
/// is false when the ')' is missing: the argument list was left unfinished (a syntax error),
/// so how many arguments it has says nothing.
/// </summary>
public sealed record AggregateOutputSyntax(TextSpan Span, NameSyntax Target, NameSyntax Function, ImmutableArray<ExpressionSyntax> Arguments, bool ArgumentsClosed, ExpressionSyntax? Where, ExpressionSyntax? Fill) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Target, Function, Arguments, Where, Fill);
}
