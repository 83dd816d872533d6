namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>textDocument/references.</summary>
public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context = null);
