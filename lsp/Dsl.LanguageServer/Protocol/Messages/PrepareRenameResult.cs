namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>The range to rename and the current name.</summary>
public sealed record PrepareRenameResult(Range Range, string Placeholder);
