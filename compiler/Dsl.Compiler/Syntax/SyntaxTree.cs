using System.Collections.Immutable;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Parsing;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// The parsed form of one source file: the AST root, every token (trivia included) and the
/// syntax diagnostics. Parsing never throws on user input; a broken file yields a tree with
/// <see cref="MissingExpressionSyntax"/> and missing names where text was absent.
/// </summary>
public sealed class SyntaxTree
{
    internal SyntaxTree(SourceText source, CompilationUnitSyntax root, ImmutableArray<SyntaxToken> tokens, IReadOnlyList<Diagnostic> diagnostics)
    {
        Source = source;
        Root = root;
        Tokens = tokens;
        Diagnostics = diagnostics;
    }

    public SourceText Source { get; }

    public CompilationUnitSyntax Root { get; }

    /// <summary>All tokens in order, trivia included.</summary>
    public ImmutableArray<SyntaxToken> Tokens { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public static SyntaxTree Parse(SourceText source) => Parser.Parse(source);

    public static SyntaxTree Parse(string text, string path = "<memory>") => Parse(SourceText.From(text, path));
}
