using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>settings { key value … }</c>.</summary>
public sealed record SettingsDeclarationSyntax(TextSpan Span, ImmutableArray<SettingSyntax> Settings) : DeclarationSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Settings);
}
