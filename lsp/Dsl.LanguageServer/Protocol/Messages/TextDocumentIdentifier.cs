namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>Names a document by URI.</summary>
public sealed record TextDocumentIdentifier(string Uri);
