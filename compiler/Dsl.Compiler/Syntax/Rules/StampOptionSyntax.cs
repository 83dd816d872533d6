using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>stamp start | end</c>.</summary>
public sealed record StampOptionSyntax(TextSpan Span, NameSyntax Value) : RuleOptionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Value);
}
