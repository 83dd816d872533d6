using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// A token of the source, trivia (whitespace, comments) included: concatenating the texts of
/// all tokens of a tree gives back the source exactly.
/// </summary>
public readonly record struct SyntaxToken(SyntaxTokenKind Kind, TextSpan Span, string Text)
{
    public bool IsTrivia => Kind is SyntaxTokenKind.Whitespace or SyntaxTokenKind.LineComment or SyntaxTokenKind.BlockComment;
}
