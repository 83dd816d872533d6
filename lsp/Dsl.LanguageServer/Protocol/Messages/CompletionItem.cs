namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>One completion proposal.</summary>
public sealed record CompletionItem(string Label, int Kind, string? Detail = null, MarkupContent? Documentation = null, string? InsertText = null, int? InsertTextFormat = null, string? SortText = null, string? FilterText = null, TextEdit? TextEdit = null);
