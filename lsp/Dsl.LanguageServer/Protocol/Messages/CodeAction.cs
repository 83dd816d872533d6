namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>A quick fix with its edit.</summary>
public sealed record CodeAction(string Title, string Kind, LspDiagnostic[]? Diagnostics, WorkspaceEdit Edit, bool? IsPreferred);
