namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>A position in a document (hover, definition, signature help, prepare rename).</summary>
public sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);
