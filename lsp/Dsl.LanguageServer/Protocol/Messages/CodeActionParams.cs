namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>textDocument/codeAction.</summary>
public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext? Context = null);
