using Dsl.Grammar;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// The words that can never be names (a name spelt like one needs backticks), for tools that
/// write names into source: <c>dsl new</c> and the editor. Taken from the lexer's own list, so it
/// cannot drift from the grammar.
/// </summary>
public static class ReservedWords
{
    public static IReadOnlySet<string> All { get; } = TokenFacts.ReservedKeywords
        .Select(type => StreamLexer.DefaultVocabulary.GetLiteralName(type).Trim('\''))
        .ToHashSet(StringComparer.Ordinal);

    public static bool Contains(string word) => All.Contains(word);
}
