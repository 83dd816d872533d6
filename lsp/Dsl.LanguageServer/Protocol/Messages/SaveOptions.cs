namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>Whether didSave carries the text.</summary>
public sealed record SaveOptions(bool IncludeText);
