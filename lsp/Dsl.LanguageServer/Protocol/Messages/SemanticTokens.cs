namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>Tokens as LSP's relative five-integer encoding.</summary>
public sealed record SemanticTokens(int[] Data);
