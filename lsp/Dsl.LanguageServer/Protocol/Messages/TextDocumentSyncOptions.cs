namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>How documents are synchronised: open/close and incremental changes (2).</summary>
public sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions Save);
