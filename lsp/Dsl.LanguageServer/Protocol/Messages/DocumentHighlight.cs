namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>A place the symbol under the cursor occurs in the document, with how it is used there (<see cref="DocumentHighlightKind"/>).</summary>
public sealed record DocumentHighlight(Range Range, int Kind);
