using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>TARGET = function(arguments) [where CONDITION] [fill VALUE]</c>.</summary>
public sealed record AggregateOutputSyntax(TextSpan Span, NameSyntax Target, NameSyntax Function, ImmutableArray<ExpressionSyntax> Arguments, ExpressionSyntax? Where, ExpressionSyntax? Fill) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Target, Function, Arguments, Where, Fill);
}
