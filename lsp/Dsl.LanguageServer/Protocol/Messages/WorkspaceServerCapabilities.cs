namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>What the server does with the client's workspace folders.</summary>
public sealed record WorkspaceServerCapabilities(WorkspaceFoldersServerCapabilities WorkspaceFolders);
