using Antlr4.Runtime;
using Dsl.Compiler.Diagnostics;
using Dsl.Grammar;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// A declaration keyword written in another case at the start of a line (<c>Model M {</c>,
/// <c>MERGE M on P</c>), as languages whose keywords ignore case allow. Keywords here are lower
/// case, so the word is a name, and the parser would skip to the next lower-case keyword: the
/// declarations in between would get no error of their own, and their names no declaration. The
/// word is reported once, with the keyword, and read as the keyword.
/// </summary>
internal static class KeywordCase
{
    private static readonly Dictionary<string, int> _declarationKeywords = TokenFacts.DeclarationKeywords
        .ToDictionary(type => StreamLexer.DefaultVocabulary.GetLiteralName(type).Trim('\''), type => type, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reads such words as their keywords, before anything else looks at the token types (the rule
    /// headers' parts among them); returns them, for <see cref="Report"/>.
    /// </summary>
    public static IReadOnlyList<IToken> ReadAsKeywords(IList<IToken> tokens, LineStarts lineStarts)
    {
        var words = new List<IToken>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] is CommonToken { Type: StreamLexer.IDENTIFIER } word && lineStarts.StartsLine(word)
                && _declarationKeywords.TryGetValue(word.Text, out var keyword) && StartsDeclaration(tokens, i))
            {
                word.Type = keyword;
                words.Add(word);
            }
        }
        return words;
    }

    /// <summary>One error for each word <see cref="ReadAsKeywords"/> read as a keyword, with the keyword in its place as the fix.</summary>
    public static void Report(IReadOnlyList<IToken> words, string text, SyntaxDiagnosticCollector diagnostics)
    {
        foreach (var word in words)
        {
            // The keywords are lower-case ASCII, and the word matched one ignoring case.
            var keyword = word.Text.ToLowerInvariant();
            var span = LexicalDiagnostics.SpanOf(word);
            diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, span, SyntaxErrorMessages.DescribeToken(word, text),
                SyntaxErrorMessages.Declaration, new Hint($" Keywords are written in lower case: did you mean \"{keyword}\"?", new TextReplacement(span, keyword)));
        }
    }

    /// <summary>What follows the word on its line can go on a declaration: a name, a string (an import's file) or '{'.</summary>
    private static bool StartsDeclaration(IList<IToken> tokens, int index)
    {
        for (var i = index + 1; i < tokens.Count; i++)
        {
            var next = tokens[i];
            if (next.Channel != TokenConstants.DefaultChannel)
                continue;
            return next.Line == tokens[index].Line && (TokenFacts.IsName(next.Type) || next.Type is StreamLexer.STRING or StreamLexer.LBRACE);
        }
        return false;
    }
}
