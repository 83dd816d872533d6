namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>The hover answer.</summary>
public sealed record Hover(MarkupContent Contents, Range? Range);
