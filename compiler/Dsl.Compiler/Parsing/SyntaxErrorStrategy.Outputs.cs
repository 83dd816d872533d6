using Antlr4.Runtime;
using Dsl.Grammar;
using static Dsl.Grammar.StreamParser;
using AntlrParser = Antlr4.Runtime.Parser;

namespace Dsl.Compiler.Parsing;

/// <summary>Recovery in the outputs of rules.</summary>
internal sealed partial class SyntaxErrorStrategy
{
    /// <summary>
    /// Throws <see cref="ValueWithoutFunctionException"/> where an aggregate output's '(' is missing
    /// because its value has no aggregate function: the word taken for the function is followed by
    /// the end of the output (the end of its line, its <c>where</c> or <c>fill</c>, or '}') or by an
    /// operator on its line (<c>Out = Power * 2</c>). Not after a syntax error in the output, which
    /// made that word a guess, nor before anything else, where the parser's error says best what is
    /// wrong (<c>Out = emit avg(P)</c>: "Unexpected 'avg'; expected '('").
    /// </summary>
    private void ThrowIfValueWithoutFunction(AntlrParser recognizer, ITokenStream tokens)
    {
        if (recognizer.Context is not AggregateOutputContext { function.Stop: { } word } output || InErrorRecoveryMode(recognizer)
            || word.TokenIndex != tokens.LT(-1).TokenIndex || !recognizer.GetExpectedTokens().Contains(StreamLexer.LPAREN)
            || diagnostics.HasAnyIn(output.Start.StartIndex, word.StopIndex + 1))
            return;
        var next = tokens.LT(1);
        var endsOutput = lineStarts.StartsLine(next) || next.Type is StreamLexer.RBRACE or StreamLexer.WHERE or StreamLexer.FILL;
        if (endsOutput || TokenFacts.ContinuesExpression(next.Type))
            throw new ValueWithoutFunctionException(recognizer);
    }

    /// <summary>
    /// Skips the rest of an output that <see cref="ValueWithoutFunctionException"/> ended, its
    /// <c>where</c> and <c>fill</c> with it, as part of the output: to the end of its line, the '}',
    /// or the next output on its line (a name and '='). Nothing was reported there, so what comes
    /// next is parsed with its own errors (a '}' missing at the end of the file among them).
    /// </summary>
    private void SkipRestOfOutput(AntlrParser recognizer, ITokenStream tokens)
    {
        while (tokens.LT(1) is var token && token.Type is not (TokenConstants.EOF or StreamLexer.RBRACE)
            && !lineStarts.StartsLine(token) && !TokenFacts.IsDeclarationKeyword(token.Type)
            && !(TokenFacts.IsName(token.Type) && tokens.LA(2) == StreamLexer.ASSIGN))
            recognizer.Consume();
        EndErrorCondition(recognizer);
    }
}
