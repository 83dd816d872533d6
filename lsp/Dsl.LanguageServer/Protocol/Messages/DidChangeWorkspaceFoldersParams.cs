namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>workspace/didChangeWorkspaceFolders: folders the user added to or removed from the workspace.</summary>
public sealed record DidChangeWorkspaceFoldersParams(WorkspaceFoldersChangeEvent Event);
