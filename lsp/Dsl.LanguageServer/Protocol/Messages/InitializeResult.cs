namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>The answer to initialize.</summary>
public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);
