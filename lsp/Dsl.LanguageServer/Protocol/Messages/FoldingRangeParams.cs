namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>textDocument/foldingRange.</summary>
public sealed record FoldingRangeParams(TextDocumentIdentifier TextDocument);
