namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>
/// The server takes workspace folders and wants <c>workspace/didChangeWorkspaceFolders</c> when the
/// user adds or removes one: a client sends it only to a server that asks for it.
/// </summary>
public sealed record WorkspaceFoldersServerCapabilities(bool Supported, bool ChangeNotifications);
