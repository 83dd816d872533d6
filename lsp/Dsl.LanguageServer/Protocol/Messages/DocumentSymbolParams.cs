namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>textDocument/documentSymbol.</summary>
public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);
