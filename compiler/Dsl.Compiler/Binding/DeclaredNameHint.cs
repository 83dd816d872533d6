using Dsl.Compiler.Parsing;
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
}
