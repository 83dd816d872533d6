namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>Signature help triggers.</summary>
public sealed record SignatureHelpOptions(string[] TriggerCharacters, string[] RetriggerCharacters);
