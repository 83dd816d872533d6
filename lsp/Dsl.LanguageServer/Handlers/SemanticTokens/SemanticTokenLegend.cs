using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.SemanticTokens;

/// <summary>
/// The token types and modifiers the server reports, all from LSP's predefined set so every
/// theme colours them: models are classes, points properties, attributes read-only
/// variables, units and mode words enum members.
/// </summary>
public static class SemanticTokenLegend
{
    public const int Keyword = 0;
    public const int TypeName = 1;
    public const int Class = 2;
    public const int Function = 3;
    public const int Variable = 4;
    public const int Property = 5;
    public const int EnumMember = 6;
    public const int Number = 7;
    public const int StringLiteral = 8;
    public const int Comment = 9;
    public const int Operator = 10;
    public const int Namespace = 11;

    public const int DeclarationModifier = 1 << 0;
    public const int ReadonlyModifier = 1 << 1;
    public const int DefaultLibraryModifier = 1 << 2;

    public static SemanticTokensLegend Legend { get; } = new(
        ["keyword", "type", "class", "function", "variable", "property", "enumMember", "number", "string", "comment", "operator", "namespace"],
        ["declaration", "readonly", "defaultLibrary"]);
}
