namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>A zero-based line and UTF-16 character offset, as LSP counts them.</summary>
public sealed record Position(int Line, int Character);
