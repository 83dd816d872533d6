namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>A range in a document.</summary>
public sealed record Location(string Uri, Range Range);
