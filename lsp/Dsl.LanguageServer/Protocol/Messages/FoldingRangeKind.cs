namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>The LSP folding range kinds the server uses; editors offer to fold all of a kind (e.g. VS Code's "Fold All Block Comments").</summary>
public static class FoldingRangeKind
{
    public const string Comment = "comment";
    public const string Imports = "imports";
    public const string Region = "region";
}
