namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>textDocument/formatting.</summary>
public sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument, FormattingOptions? Options = null);
