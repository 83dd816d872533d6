namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>The completion answer.</summary>
public sealed record CompletionList(bool IsIncomplete, CompletionItem[] Items);
