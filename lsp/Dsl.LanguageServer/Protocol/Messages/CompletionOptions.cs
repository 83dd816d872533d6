namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>Completion triggers.</summary>
public sealed record CompletionOptions(string[] TriggerCharacters, bool ResolveProvider);
