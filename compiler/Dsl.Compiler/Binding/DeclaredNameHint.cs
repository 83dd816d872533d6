using Dsl.Compiler.Parsing;
using Dsl.Compiler.Symbols;
using Dsl.Naming;

namespace Dsl.Compiler.Binding;

/// <summary>"Did you mean" for declared names (models, points, attributes), as they must be written.</summary>
internal static class DeclaredNameHint
{
    /// <summary>
    /// <see cref="NameSuggester.Hint"/> for declared names: the suggestion is what to write, so a
    /// name that needs backticks (<c>`where`</c>, <c>`My Point`</c>) is shown in them.
    /// </summary>
    public static string For(string name, IEnumerable<string> candidates, string fallback)
    {
        var closest = NameSuggester.FindClosest(name, candidates);
        return closest is null ? fallback : $" Did you mean \"{ReservedWords.Quote(closest)}\"?";
    }

    /// <summary>
    /// <see cref="For"/> for a name that may be a point or an attribute: the suggestion says which
    /// it is (<c> Did you mean the attribute "RatedPower"?</c>), since the message cannot.
    /// </summary>
    public static string ForMember(string name, IEnumerable<Symbol> members, string fallback)
    {
        var byName = members.ToDictionary(member => member.Name);
        var closest = NameSuggester.FindClosest(name, byName.Keys);
        if (closest is null)
            return fallback;
        var kind = byName[closest] is AttributeSymbol ? "attribute" : "point";
        return $" Did you mean the {kind} \"{ReservedWords.Quote(closest)}\"?";
    }
}
