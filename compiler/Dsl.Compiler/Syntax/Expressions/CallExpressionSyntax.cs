using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>name(arguments)</c>: a function (the binder resolves it).</summary>
public sealed record CallExpressionSyntax(TextSpan Span, NameSyntax Function, ImmutableArray<ExpressionSyntax> Arguments) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Function, Arguments);
}
