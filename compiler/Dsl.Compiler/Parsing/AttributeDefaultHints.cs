using Antlr4.Runtime;
using Dsl.Grammar;
using static Dsl.Grammar.StreamParser;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// The hint for an attribute's default value written out of its place, on the attribute's line.
/// An attribute is <c>attribute NAME [: TYPE] [= DEFAULT] [UNIT]</c>, so a value without its '='
/// (<c>attribute R: double 3000</c>, <c>attribute R: double kW 3000</c>) lacks the '=', and a
/// default after the unit (<c>attribute R: double kW = 3000</c>) belongs before it. The hint
/// shows the attribute as it should be written, with the unit after the value.
/// </summary>
internal static class AttributeDefaultHints
{
    /// <summary>
    /// The hint for <paramref name="found"/>, the token that failed after <paramref name="attribute"/>
    /// (whose unit, if any, is <paramref name="unit"/>), or null when it is no misplaced default value.
    /// </summary>
    public static string? For(AttributeDeclarationContext attribute, string? unit, IToken found, ITokenStream tokens, LineStarts lineStarts)
    {
        if (attribute.defaultValue != null || lineStarts.StartsLine(found))
            return null;
        var afterAssign = found.Type == StreamLexer.ASSIGN;
        // Only a unit makes a default after '=' misplaced; without one the parser would have read it.
        if (afterAssign && unit == null)
            return null;
        var value = afterAssign ? ValueAt(NextOnLine(tokens, found, lineStarts), tokens, lineStarts, allowString: true) ?? "…" : ValueAt(found, tokens, lineStarts, allowString: false);
        if (value == null)
            return null;

        var type = attribute.typeAnnotation()?.identifier() is { } typeName ? ": " + typeName.GetText() : "";
        var written = $"attribute {attribute.name.GetText()}{type} = {value}{(unit != null ? " " + unit : "")}";
        return afterAssign
            ? $" An attribute's unit follows its default value: \"{written}\"."
            : $" An attribute's default value follows '=': \"{written}\".";
    }

    // A literal value starting at `start`: a number, possibly negative, or true or false (a string
    // only after '=': without it, a string after an attribute is its unit). "…" for a literal that
    // an operator goes on from (`2 * 1500`): the hint does not rewrite expressions.
    private static string? ValueAt(IToken? start, ITokenStream tokens, LineStarts lineStarts, bool allowString)
    {
        var (value, last) = start?.Type switch
        {
            StreamLexer.NUMBER or StreamLexer.TRUE or StreamLexer.FALSE => (start.Text, start),
            StreamLexer.STRING when allowString => (start.Text, start),
            StreamLexer.MINUS when NextOnLine(tokens, start, lineStarts) is { Type: StreamLexer.NUMBER } number => ("-" + number.Text, number),
            _ => (null, null),
        };
        if (last == null)
            return null;
        return NextOnLine(tokens, last, lineStarts) is { } next && !TokenFacts.IsName(next.Type)
            && next.Type is not (StreamLexer.STRING or StreamLexer.RBRACE or StreamLexer.ATTRIBUTE)
            ? "…"
            : value;
    }

    private static IToken? NextOnLine(ITokenStream tokens, IToken token, LineStarts lineStarts)
    {
        for (var i = token.TokenIndex + 1; i < tokens.Size; i++)
        {
            var next = tokens.Get(i);
            if (next.Channel == TokenConstants.DefaultChannel)
                return lineStarts.StartsLine(next) ? null : next;
        }
        return null;
    }
}
