using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// <c>name(arguments)</c>: a function (the binder resolves it). <paramref name="ArgumentsClosed"/>
/// is false when the ')' is missing: the argument list was left unfinished (a syntax error),
/// so how many arguments it has says nothing.
/// </summary>
public sealed record CallExpressionSyntax(TextSpan Span, NameSyntax Function, ImmutableArray<ExpressionSyntax> Arguments, bool ArgumentsClosed) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Function, Arguments);
}
