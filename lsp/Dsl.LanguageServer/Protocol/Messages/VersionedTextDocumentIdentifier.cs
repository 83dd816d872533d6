namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>Names a document and the version an edit applies to.</summary>
public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);
