namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>The LSP completion item kinds the server uses.</summary>
public static class CompletionItemKind
{
    public const int Text = 1;
    public const int Function = 3;
    public const int Field = 5;
    public const int Variable = 6;
    public const int Class = 7;
    public const int Property = 10;
    public const int Unit = 11;
    public const int Value = 12;
    public const int Enum = 13;
    public const int Keyword = 14;
    public const int Snippet = 15;
    public const int Constant = 21;
    public const int Event = 23;
    public const int Operator = 24;
}
