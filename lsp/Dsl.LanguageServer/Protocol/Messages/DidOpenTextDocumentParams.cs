namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>textDocument/didOpen.</summary>
public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);
