using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>alarm { on CONDITIONS notify "channel", … }</c>.</summary>
public sealed record AlarmDeclarationSyntax(TextSpan Span, ImmutableArray<AlarmRuleSyntax> Rules) : DeclarationSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Rules);
}
