namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>initialize: the parts the server uses.</summary>
public sealed record InitializeParams(int? ProcessId = null, string? RootUri = null, string? RootPath = null, WorkspaceFolder[]? WorkspaceFolders = null, ClientCapabilities? Capabilities = null);
