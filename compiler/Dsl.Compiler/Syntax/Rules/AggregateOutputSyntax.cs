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
    /// <summary>
    /// The value, when it was written without an aggregate function (<c>Out = Power</c>,
    /// <c>Out = Power * 2</c>, <c>Out = count</c>), or null. <see cref="Function"/> is then the word the
    /// value starts with, which no '(' follows; what that word is (a point, a function without its
    /// argument), and so what the error is, is the binder's to say. The rest of the output is not read.
    /// </summary>
    public TextSpan? ValueWithoutFunction { get; init; }

    public override IEnumerable<SyntaxNode> Children => Nodes(Target, Function, Arguments, Where, Fill);
}
