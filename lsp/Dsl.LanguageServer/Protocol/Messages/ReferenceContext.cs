namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>Whether references include the declaration.</summary>
public sealed record ReferenceContext(bool IncludeDeclaration);
