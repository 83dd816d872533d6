namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>Edits to several documents, keyed by URI.</summary>
public sealed record WorkspaceEdit(Dictionary<string, TextEdit[]> Changes);
