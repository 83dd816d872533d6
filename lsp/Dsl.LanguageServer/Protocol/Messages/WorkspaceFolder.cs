namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>A folder open in the client.</summary>
public sealed record WorkspaceFolder(string Uri, string Name);
