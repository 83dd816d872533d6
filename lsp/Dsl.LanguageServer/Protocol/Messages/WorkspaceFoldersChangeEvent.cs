namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>The folders added and removed.</summary>
public sealed record WorkspaceFoldersChangeEvent(WorkspaceFolder[] Added, WorkspaceFolder[] Removed);
