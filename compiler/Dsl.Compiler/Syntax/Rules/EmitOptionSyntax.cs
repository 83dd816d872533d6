using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>emit ontime | final | early every D</c>. <see cref="Mode"/> is the word as written.</summary>
public sealed record EmitOptionSyntax(TextSpan Span, NameSyntax Mode, DurationSyntax? Every) : RuleOptionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Mode, Every);
}
