namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>textDocument/signatureHelp.</summary>
public sealed record SignatureHelpParams(TextDocumentIdentifier TextDocument, Position Position);
