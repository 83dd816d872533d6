namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>Semantic tokens for whole documents.</summary>
public sealed record SemanticTokensOptions(SemanticTokensLegend Legend, bool Full, bool Range);
