using Antlr4.Runtime;
using Dsl.Grammar;
using Dsl.Naming;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// Where the parts of rule headers begin: each keyword of
/// <c>aggregate M window tumbling 10m offset 1m lateness 5m emit early every 1m stamp end {</c>,
/// <c>merge M on P hold 5m {</c> and <c>energy M from P by meter {</c> starts one. A header is
/// one line, but its parts are written and checked each on its own, so a mistake in one says
/// nothing about the next: error recovery resumes at the next part rather than at the '{',
/// and the syntax diagnostics keep the first error of each part rather than of the line.
/// <para>
/// Found from the tokens alone, before parsing, because the token pass reports its errors
/// (a malformed duration) before the parser runs. The part keywords other than <c>window</c> are
/// soft, so one right after a keyword that takes a name (<c>on</c>, <c>from</c>, <c>emit</c>...) is that name.
/// A word close to a keyword that a part cannot do without (<c>windows</c>, <c>form</c>) is
/// taken for that keyword misspelt, and separates parts for the diagnostics too.
/// </para>
/// </summary>
internal sealed class RuleHeaderParts
{
    private readonly HashSet<int> _tokenIndexes = [];
    private readonly List<int> _offsets = [];

    // The keywords of header parts that only that keyword can start: `window`, a hopping window's
    // `step`, an energy rule's `from` and `by`.
    private static readonly string[] _requiredKeywords = ["window", "step", "from", "by"];

    public RuleHeaderParts(IList<IToken> tokens)
    {
        var inHeader = false;
        var inEnergyHeader = false;
        var nameFollows = false;
        var afterMisspelt = false;
        foreach (var token in tokens)
        {
            if (token.Channel != TokenConstants.DefaultChannel)
                continue;
            var type = token.Type;
            // `window` is reserved, so it is never the name: right after `aggregate` it is the model's name left out.
            var startsPart = inHeader && (!nameFollows || !TokenFacts.IsName(type)) && (IsPartKeyword(type) || (inEnergyHeader && IsEnergyClauseKeyword(type)));
            // A word read as a misspelt keyword (SyntaxErrorStrategy.MisspeltKeyword) has an error of
            // its own, which hides none in what it introduces (`windows tumbling 10min`). Recovery
            // does not resume at it, which may be a name after all.
            var misspelt = inHeader && !nameFollows && !startsPart && IsMisspeltRequiredKeyword(token);
            if (startsPart)
                _tokenIndexes.Add(token.TokenIndex);
            if (startsPart || misspelt || afterMisspelt)
                _offsets.Add(token.StartIndex);
            afterMisspelt = misspelt;

            if (type is StreamLexer.AGGREGATE or StreamLexer.MERGE or StreamLexer.ENERGY)
            {
                inHeader = true;
                inEnergyHeader = type == StreamLexer.ENERGY;
            }
            else if (type is StreamLexer.LBRACE or StreamLexer.RBRACE || TokenFacts.IsDeclarationKeyword(type))
            {
                inHeader = inEnergyHeader = false;
            }
            nameFollows = type == StreamLexer.COLON_COLON
                || (inHeader && (startsPart || type is StreamLexer.AGGREGATE or StreamLexer.MERGE or StreamLexer.ENERGY) && TakesName(type));
        }
    }

    /// <summary>True for the keyword that starts a part of a rule header.</summary>
    public bool StartsPart(IToken token) => _tokenIndexes.Contains(token.TokenIndex);

    /// <summary>The offset of the last part that starts at or before <paramref name="position"/>, or -1.</summary>
    public int PartStartAtOrBefore(int position)
    {
        var index = _offsets.BinarySearch(position);
        if (index < 0)
            index = ~index - 1;
        return index < 0 ? -1 : _offsets[index];
    }

    /// <summary>A plain word close to a keyword that a header part cannot do without (<c>windows</c>, <c>form</c>, <c>bye</c>).</summary>
    private static bool IsMisspeltRequiredKeyword(IToken token) =>
        token.Type == StreamLexer.IDENTIFIER && NameSuggester.FindClosest(token.Text, _requiredKeywords) != null;

    private static bool IsPartKeyword(int type) =>
        type is StreamLexer.WINDOW or StreamLexer.OFFSET or StreamLexer.STEP or StreamLexer.MAX or StreamLexer.LATENESS
            or StreamLexer.EMIT or StreamLexer.EVERY or StreamLexer.STAMP or StreamLexer.HOLD or StreamLexer.ON
            or StreamLexer.FROM or StreamLexer.BY;

    // A clause written in an energy header (`by meter daily D {`) is a part of its own: it is
    // read, reported and bound on its own (the grammar's energyRule).
    private static bool IsEnergyClauseKeyword(int type) =>
        type is StreamLexer.SLOPE or StreamLexer.SCALE or StreamLexer.DAILY or StreamLexer.ROLLOVER or StreamLexer.SPLIT
            or StreamLexer.RANGE or StreamLexer.MISSING;

    private static bool TakesName(int type) =>
        type is StreamLexer.AGGREGATE or StreamLexer.MERGE or StreamLexer.ENERGY or StreamLexer.ON or StreamLexer.FROM
            or StreamLexer.BY or StreamLexer.EMIT or StreamLexer.STAMP or StreamLexer.DAILY or StreamLexer.MISSING;
}
