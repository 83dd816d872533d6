using Dsl.Compiler.Syntax;
using Dsl.Grammar;

namespace Dsl.Compiler.Parsing;

/// <summary>What the parser and its error recovery need to know about ANTLR token types.</summary>
internal static class TokenFacts
{
    /// <summary>The first word of every top-level declaration (all reserved).</summary>
    public static readonly IReadOnlyList<int> DeclarationKeywords =
    [
        StreamLexer.JOB, StreamLexer.IMPORT, StreamLexer.SETTINGS, StreamLexer.MODEL, StreamLexer.AGGREGATE,
        StreamLexer.MERGE, StreamLexer.ENERGY, StreamLexer.ALARM, StreamLexer.SCHEDULE,
    ];

    /// <summary>Words that can never be names (a name with their spelling needs backticks).</summary>
    public static readonly IReadOnlyList<int> ReservedKeywords =
    [
        .. DeclarationKeywords,
        StreamLexer.ATTRIBUTE, StreamLexer.WINDOW, StreamLexer.WHERE, StreamLexer.FILL, StreamLexer.IF,
        StreamLexer.THEN, StreamLexer.ELSE, StreamLexer.IN, StreamLexer.TRUE, StreamLexer.FALSE, StreamLexer.INF,
    ];

    /// <summary>Words that are keywords in one position and names everywhere else.</summary>
    public static readonly IReadOnlyList<int> SoftKeywords =
    [
        StreamLexer.AT, StreamLexer.BY, StreamLexer.DAILY, StreamLexer.EMIT, StreamLexer.EVERY, StreamLexer.FILE,
        StreamLexer.FROM, StreamLexer.HOLD, StreamLexer.HOPPING, StreamLexer.LATENESS, StreamLexer.MAX,
        StreamLexer.MISSING, StreamLexer.NOTIFY, StreamLexer.OFFSET, StreamLexer.ON, StreamLexer.PER,
        StreamLexer.RANGE, StreamLexer.ROLLOVER, StreamLexer.SCALE, StreamLexer.SESSION, StreamLexer.SLOPE,
        StreamLexer.SPLIT, StreamLexer.STAMP, StreamLexer.STEP, StreamLexer.TUMBLING,
    ];

    private static readonly HashSet<int> _declarationKeywordSet = [.. DeclarationKeywords];
    private static readonly HashSet<int> _reservedKeywordSet = [.. ReservedKeywords];
    private static readonly HashSet<int> _softKeywordSet = [.. SoftKeywords];

    public static bool IsDeclarationKeyword(int type) => _declarationKeywordSet.Contains(type);

    public static bool IsReservedKeyword(int type) => _reservedKeywordSet.Contains(type);

    public static bool IsSoftKeyword(int type) => _softKeywordSet.Contains(type);

    public static bool IsKeyword(int type) => IsReservedKeyword(type) || IsSoftKeyword(type);

    /// <summary>Tokens the <c>identifier</c> rule accepts.</summary>
    public static bool IsName(int type) =>
        type is StreamLexer.IDENTIFIER or StreamLexer.QUOTED_IDENTIFIER or StreamLexer.UNTERMINATED_QUOTED_IDENTIFIER
        || IsSoftKeyword(type);

    /// <summary>
    /// Tokens that close or open a structure. Error recovery may stop at them in the middle
    /// of a line (everything else it skips to the next line), and never deletes a brace.
    /// </summary>
    public static bool IsStructural(int type) =>
        type is StreamLexer.RBRACE or StreamLexer.LBRACE or StreamLexer.RPAREN or StreamLexer.RBRACKET or StreamLexer.COMMA;

    /// <summary>An operator that an expression goes on with after an operand (<c>Power * 2</c>, <c>Power &gt; 0</c>).</summary>
    public static bool ContinuesExpression(int type) =>
        type is StreamLexer.CARET or StreamLexer.STAR or StreamLexer.SLASH or StreamLexer.PERCENT or StreamLexer.PLUS or StreamLexer.MINUS
            or StreamLexer.LESS or StreamLexer.LESS_EQUAL or StreamLexer.GREATER or StreamLexer.GREATER_EQUAL or StreamLexer.EQUAL
            or StreamLexer.NOT_EQUAL or StreamLexer.AND or StreamLexer.OR or StreamLexer.QUESTION or StreamLexer.IN;

    public static bool IsCloser(int type) => type is StreamLexer.RPAREN or StreamLexer.RBRACKET or StreamLexer.RBRACE;

    public static bool IsOpener(int type) => type is StreamLexer.LPAREN or StreamLexer.LBRACKET or StreamLexer.LBRACE;

    /// <summary>The editor's view of a token; <paramref name="usedAsName"/> turns a soft keyword into a name.</summary>
    public static SyntaxTokenKind Classify(int type, string text, bool usedAsName) => type switch
    {
        StreamLexer.IDENTIFIER => SyntaxTokenKind.Identifier,
        StreamLexer.QUOTED_IDENTIFIER or StreamLexer.UNTERMINATED_QUOTED_IDENTIFIER => SyntaxTokenKind.QuotedIdentifier,
        StreamLexer.NUMBER => SyntaxTokenKind.Number,
        StreamLexer.MALFORMED_NUMBER => LiteralDecoder.LooksLikeDuration(text) ? SyntaxTokenKind.Duration : SyntaxTokenKind.Number,
        StreamLexer.DURATION => SyntaxTokenKind.Duration,
        StreamLexer.TIME_OF_DAY => SyntaxTokenKind.TimeOfDay,
        StreamLexer.STRING or StreamLexer.UNTERMINATED_STRING => SyntaxTokenKind.String,
        StreamLexer.WHITESPACE => SyntaxTokenKind.Whitespace,
        StreamLexer.LINE_COMMENT => SyntaxTokenKind.LineComment,
        StreamLexer.BLOCK_COMMENT or StreamLexer.UNTERMINATED_BLOCK_COMMENT => SyntaxTokenKind.BlockComment,
        StreamLexer.ERROR_CHARACTERS => SyntaxTokenKind.Error,
        StreamLexer.LPAREN or StreamLexer.RPAREN or StreamLexer.LBRACKET or StreamLexer.RBRACKET or StreamLexer.LBRACE
            or StreamLexer.RBRACE or StreamLexer.COMMA or StreamLexer.COLON or StreamLexer.COLON_COLON => SyntaxTokenKind.Punctuation,
        _ when IsSoftKeyword(type) => usedAsName ? SyntaxTokenKind.Identifier : SyntaxTokenKind.Keyword,
        _ when IsReservedKeyword(type) => SyntaxTokenKind.Keyword,
        _ => SyntaxTokenKind.Operator,
    };
}
