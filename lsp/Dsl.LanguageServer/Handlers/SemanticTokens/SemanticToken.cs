namespace Dsl.LanguageServer.Handlers.SemanticTokens;

/// <summary>One classified piece of text, on one line (LSP tokens may not span lines).</summary>
public readonly record struct SemanticToken(int Line, int Character, int Length, int Type, int Modifiers);
