namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>Rename with a prepare step.</summary>
public sealed record RenameOptions(bool PrepareProvider);
