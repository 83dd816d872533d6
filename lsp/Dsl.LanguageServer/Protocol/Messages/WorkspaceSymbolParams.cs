namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>workspace/symbol.</summary>
public sealed record WorkspaceSymbolParams(string Query);
