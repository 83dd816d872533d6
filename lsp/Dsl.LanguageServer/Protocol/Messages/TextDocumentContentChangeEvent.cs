namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>One edit: a range and its new text, or the whole text when the range is absent.</summary>
public sealed record TextDocumentContentChangeEvent(string Text, Range? Range = null);
