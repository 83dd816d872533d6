namespace Dsl.Compiler.Syntax;

/// <summary>Token classes as the editor and the formatter need them (not the parser's fine-grained types).</summary>
public enum SyntaxTokenKind
{
    Keyword,
    Identifier,
    QuotedIdentifier,
    Number,
    String,
    Duration,
    TimeOfDay,
    Operator,
    Punctuation,
    LineComment,
    BlockComment,
    Whitespace,
    /// <summary>Characters the lexer could not make a token of (reported as DSL1002).</summary>
    Error,
}
