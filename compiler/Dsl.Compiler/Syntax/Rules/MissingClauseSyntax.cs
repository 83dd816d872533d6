using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>missing last | ignore</c>: what replaces an invalid power sample.</summary>
public sealed record MissingClauseSyntax(TextSpan Span, NameSyntax Mode) : EnergyClauseSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Mode);
}
