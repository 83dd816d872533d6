using System.Collections.Immutable;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Parsing;

/// <summary>Turns source text into a <see cref="SyntaxTree"/> through the ANTLR parser. ANTLR types never leave this folder.</summary>
internal static class Parser
{
    public static SyntaxTree Parse(SourceText source)
    {
        // Placeholder until the ANTLR-backed builder lands: an empty tree.
        var root = new CompilationUnitSyntax(new TextSpan(0, source.Length), ImmutableArray<DeclarationSyntax>.Empty);
        return new SyntaxTree(source, root, ImmutableArray<SyntaxToken>.Empty, Array.Empty<Diagnostic>());
    }
}
