namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>textDocument/rename.</summary>
public sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName);
