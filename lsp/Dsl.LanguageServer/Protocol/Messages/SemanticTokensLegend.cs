namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>The names behind token type and modifier indexes.</summary>
public sealed record SemanticTokensLegend(string[] TokenTypes, string[] TokenModifiers);
