namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>The LSP symbol kinds the server uses.</summary>
public static class SymbolKind
{
    public const int File = 1;
    public const int Module = 2;
    public const int Namespace = 3;
    public const int Class = 5;
    public const int Method = 6;
    public const int Property = 7;
    public const int Field = 8;
    public const int Function = 12;
    public const int Variable = 13;
    public const int Constant = 14;
    public const int Event = 24;
    public const int Operator = 25;
    public const int Struct = 23;
}
