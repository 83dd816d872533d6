namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>textDocument/semanticTokens/full.</summary>
public sealed record SemanticTokensParams(TextDocumentIdentifier TextDocument);
