using Antlr4.Runtime;
using Dsl.Compiler.Diagnostics;
using Dsl.Grammar;
using Dsl.Naming;
using static Dsl.Grammar.StreamParser;
using AntlrParser = Antlr4.Runtime.Parser;

namespace Dsl.Compiler.Parsing;

/// <summary>Recovery where a rule header lacks a keyword it cannot do without: misspelt, or left out with the name before it.</summary>
internal sealed partial class SyntaxErrorStrategy
{
    /// <summary>
    /// A word where only one keyword can go, close to it, that what follows could go on after that
    /// keyword: the keyword misspelt (<c>aggregate M windows tumbling 10m</c>, <c>energy M form E by
    /// meter</c>, <c>from E bye meter</c>). One error that says which keyword was meant, and the word is
    /// read as it, so the rest of the header and the body are read and checked as meant. ANTLR's
    /// recovery would take the word for the name the keyword introduces (a point "form", a method
    /// "bye") and each word after it for the part before, or end the rule there and leave its body
    /// unread. Null, with nothing consumed, for anything else.
    /// </summary>
    private IToken? MisspeltKeyword(AntlrParser recognizer, ITokenStream tokens)
    {
        var current = tokens.LT(1);
        var expected = recognizer.GetExpectedTokens();
        // Only a plain word: a keyword spelt right (`by` where `from` goes) is a word in the wrong place.
        if (current.Type != StreamLexer.IDENTIFIER || expected.Count != 1 || InErrorRecoveryMode(recognizer))
            return null;
        var keyword = recognizer.Vocabulary.GetLiteralName(expected.MinElement)?.Trim('\'');
        if (keyword is not { Length: > 1 } || !keyword.All(char.IsAsciiLetterLower)
            || NameSuggester.FindClosest(current.Text, [keyword]) is null || !CanFollowExpectedToken(recognizer, tokens.LA(2)))
            return null;

        BeginErrorCondition(recognizer);
        var span = LexicalDiagnostics.SpanOf(current);
        // Said as for a declaration keyword in another case (KeywordCase), with the same fix.
        Hint hint = string.Equals(current.Text, keyword, StringComparison.OrdinalIgnoreCase)
            ? new Hint($" Keywords are written in lower case: did you mean \"{keyword}\"?", new TextReplacement(span, keyword))
            : $" Did you mean \"{keyword}\"?";
        diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, span, SyntaxErrorMessages.DescribeToken(current, text), $"'{keyword}'", hint);
        recognizer.Consume();
        EndErrorCondition(recognizer);
        return current;
    }

    /// <summary>
    /// A window kind and its size right after <c>aggregate</c> (<c>aggregate tumbling 10m {</c>): the
    /// model's name and <c>window</c> left out, not a model named tumbling whose window lacks its
    /// keyword and kind. One error, at the window kind, and the word the parser took for the model's
    /// name is given back to be read as the window: the model is missing (so the body, whose
    /// points no model declares, is not checked), the window and the options after it are read as
    /// written. Null, with nothing consumed, for anything else.
    /// </summary>
    private IToken? WindowWithoutModel(AntlrParser recognizer, ITokenStream tokens)
    {
        if (recognizer.Context is not AggregateRuleContext { model: { } model } rule || InErrorRecoveryMode(recognizer)
            || !recognizer.GetExpectedTokens().Contains(StreamLexer.WINDOW)
            || model.Start is not { Type: StreamLexer.TUMBLING or StreamLexer.HOPPING or StreamLexer.SESSION } kind
            || kind.TokenIndex != tokens.LT(-1).TokenIndex || !StartsDuration(tokens))
            return null;

        BeginErrorCondition(recognizer);
        diagnostics.Report(DiagnosticDescriptors.MissingToken, LexicalDiagnostics.SpanOf(kind), "a model name and 'window'", "'aggregate'");
        rule.RemoveLastChild();
        rule.model = null;
        tokens.Seek(kind.TokenIndex);
        return GetMissingSymbol(recognizer);
    }

    /// <summary>A duration, or a number written for one, starts at the parser's position.</summary>
    private static bool StartsDuration(ITokenStream tokens) =>
        tokens.LA(1) is StreamLexer.DURATION or StreamLexer.MALFORMED_NUMBER or StreamLexer.NUMBER
        || (tokens.LA(1) == StreamLexer.MINUS && tokens.LA(2) is StreamLexer.DURATION or StreamLexer.MALFORMED_NUMBER);

    /// <summary>Whether a token of <paramref name="type"/> can come right after the token the parser is about to match.</summary>
    private static bool CanFollowExpectedToken(AntlrParser recognizer, int type)
    {
        var atn = recognizer.Interpreter.atn;
        var afterToken = atn.states[recognizer.State].Transition(0).target;
        return atn.NextTokens(afterToken, recognizer.RuleContext).Contains(type);
    }
}
