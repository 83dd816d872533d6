namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>The editor's indentation settings (the canonical format does not depend on them).</summary>
public sealed record FormattingOptions(int TabSize = 4, bool InsertSpaces = true);
