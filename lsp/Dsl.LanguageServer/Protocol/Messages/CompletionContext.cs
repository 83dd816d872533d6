namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>Why completion was asked for.</summary>
public sealed record CompletionContext(int TriggerKind, string? TriggerCharacter = null);
