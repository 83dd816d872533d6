namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>Markdown or plain text shown by the client.</summary>
public sealed record MarkupContent(string Kind, string Value);
