namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>textDocument/didClose.</summary>
public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);
