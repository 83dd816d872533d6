namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>textDocument/completion.</summary>
public sealed record CompletionParams(TextDocumentIdentifier TextDocument, Position Position, CompletionContext? Context = null);
