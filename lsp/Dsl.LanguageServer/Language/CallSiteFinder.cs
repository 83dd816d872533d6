using Dsl.Compiler.Syntax;

namespace Dsl.LanguageServer.Language;

/// <summary>Finds the innermost unclosed call before a position from the tokens, so it works while the call is still being typed.</summary>
public static class CallSiteFinder
{
    public static CallSite? Find(SyntaxTree tree, int position)
    {
        var tokens = tree.Tokens.Where(t => !t.IsTrivia && t.Span.End <= position).ToList();
        var depth = 0;
        var commas = 0;
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            var text = tokens[i].Text;
            if (text is "{" or "}")
                return null;
            if (text is ")" or "]")
            {
                depth++;
            }
            else if (text is "(" or "[")
            {
                if (depth == 0)
                {
                    if (text == "[" || i == 0 || !IsFunctionName(tokens[i - 1]))
                    {
                        // An interval or parenthesised expression (also after `if`, `then`, `in`…): keep looking outwards.
                        commas = 0;
                        continue;
                    }
                    var isAggregateOutput = i >= 2 && tokens[i - 2].Text == "=" && InAggregateBlock(tokens, i);
                    return new CallSite(tokens[i - 1].Text, commas, isAggregateOutput);
                }
                depth--;
            }
            else if (text == "," && depth == 0)
            {
                commas++;
            }
        }
        return null;
    }

    /// <summary>A name a call may start with: an identifier or a word that is a keyword only in places (<c>max</c>), not a reserved word.</summary>
    private static bool IsFunctionName(SyntaxToken token) =>
        token.Kind == SyntaxTokenKind.Identifier || (token.Kind == SyntaxTokenKind.Keyword && !LanguageFacts.ReservedWords.Contains(token.Text));

    private static bool InAggregateBlock(List<SyntaxToken> tokens, int index)
    {
        var depth = 0;
        for (var i = index; i >= 0; i--)
        {
            if (tokens[i].Text == "}")
                depth++;
            else if (tokens[i].Text == "{")
            {
                if (depth == 0)
                {
                    for (var j = i - 1; j >= 0 && tokens[j].Text is not "{" and not "}"; j--)
                    {
                        if (tokens[j].Text is "aggregate" or "merge" or "energy" or "model" or "settings" or "alarm")
                            return tokens[j].Text == "aggregate";
                    }
                    return false;
                }
                depth--;
            }
        }
        return false;
    }
}
