namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>textDocument/didChange: edits in order, each against the text the previous one produced.</summary>
public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, TextDocumentContentChangeEvent[] ContentChanges);
