namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>The code action kinds offered.</summary>
public sealed record CodeActionOptions(string[] CodeActionKinds);
