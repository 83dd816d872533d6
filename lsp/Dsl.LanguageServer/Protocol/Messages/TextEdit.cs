namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>Replaces a range with new text.</summary>
public sealed record TextEdit(Range Range, string NewText);
