using Antlr4.Runtime;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// Which default-channel tokens are the first on their line. The language does not care
/// about newlines, but people write one member or output per line, so error recovery
/// resumes at the start of a line and messages about missing text point at the end of the
/// line where it is missing.
/// </summary>
internal sealed class LineStarts
{
    private readonly bool[] _startsLine;

    public LineStarts(IList<IToken> tokens, string text)
    {
        _startsLine = new bool[tokens.Count];
        var sawBreak = true;
        foreach (var token in tokens)
        {
            if (token.Channel != TokenConstants.DefaultChannel)
            {
                if (text.AsSpan(token.StartIndex, token.StopIndex - token.StartIndex + 1).IndexOfAny('\n', '\r') >= 0)
                    sawBreak = true;
                continue;
            }
            _startsLine[token.TokenIndex] = sawBreak;
            sawBreak = false;
        }
    }

    /// <summary>True for the first token of a line and for the end of the file.</summary>
    public bool StartsLine(IToken token) =>
        token.Type == TokenConstants.EOF || (token.TokenIndex >= 0 && token.TokenIndex < _startsLine.Length && _startsLine[token.TokenIndex]);
}
