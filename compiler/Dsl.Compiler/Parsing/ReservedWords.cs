using Dsl.Grammar;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// The words that can never be names (a name spelt like one needs backticks), for tools that
/// write names into source: <c>dsl new</c>, the editor and the compiler's own suggestions. Taken
/// from the lexer's own list, so it cannot drift from the grammar.
/// </summary>
public static class ReservedWords
{
    public static IReadOnlySet<string> All { get; } = TokenFacts.ReservedKeywords
        .Select(type => StreamLexer.DefaultVocabulary.GetLiteralName(type).Trim('\''))
        .ToHashSet(StringComparer.Ordinal);

    public static bool Contains(string word) => All.Contains(word);

    /// <summary>Whether the text is a plain name as the lexer reads one (<c>[A-Za-z_][A-Za-z0-9_]*</c>), reserved or not.</summary>
    public static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>The name as source text: bare when it can be, in backticks otherwise (<c>`where`</c>, <c>`Meter.Total-kWh`</c>).</summary>
    public static string Quote(string name) => IsIdentifier(name) && !Contains(name) ? name : $"`{name}`";
}
