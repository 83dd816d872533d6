using Dsl.Naming;

namespace Dsl.Compiler.Binding;

/// <summary>
/// The names other languages give the built-in functions. Spelling distance alone would answer
/// <c>mean</c> with "median" and <c>log</c> with "log10" only: close in letters, wrong in meaning,
/// and a user who takes the suggestion gets a job that compiles and computes something else.
/// </summary>
internal static class FunctionSynonyms
{
    // In any case: other languages write AVERAGE or Mean, for which the nearest spelling is as wrong.
    private static readonly Dictionary<string, string> _aggregates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mean"] = "avg",
        ["average"] = "avg",
        ["total"] = "sum",
    };

    private static readonly Dictionary<string, string> _expressions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["absolute"] = "abs",
    };

    /// <summary>The hint after "… is not an aggregate function.".</summary>
    public static string AggregateHint(string name, IReadOnlyList<string> aggregates) => name.ToLowerInvariant() switch
    {
        // A quantile's rank is a fraction, a percentile's a percentage: "percentile" put in place
        // (a quick fix does so with a "Did you mean") would read the 0.95 as the 0.95th percentile.
        "quantile" => " The percentile is \"percentile\", whose rank is from 0 to 100: quantile(x, 0.95) is percentile(x, 95).",
        _ when _aggregates.TryGetValue(name, out var ours) => $" Did you mean \"{ours}\"?",
        _ => NameSuggester.Hint(name, aggregates, NameSuggester.UseOneOf(aggregates)),
    };

    /// <summary>The hint after "The function … does not exist.".</summary>
    public static string ExpressionHint(string name, IEnumerable<string> functions) => name.ToLowerInvariant() switch
    {
        // Negation is an operator, though `not (x)` reads like a call.
        "not" => " Negation is the operator \"!\": write \"!(…)\".",
        // Which logarithm `log` means depends on the language the user comes from.
        "log" => " The natural logarithm is \"ln\", the base-10 one \"log10\".",
        _ when _expressions.TryGetValue(name, out var ours) => $" Did you mean \"{ours}\"?",
        _ => NameSuggester.Hint(name, functions, ""),
    };
}
