namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>A symbol of the outline, with its children.</summary>
public sealed record DocumentSymbol(string Name, string? Detail, int Kind, Range Range, Range SelectionRange, DocumentSymbol[]? Children);
