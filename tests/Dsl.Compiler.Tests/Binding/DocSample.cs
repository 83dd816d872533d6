using System.Text.RegularExpressions;

namespace Dsl.Compiler.Tests.Binding;

/// <summary>
/// Turns a sample of docs/diagnostics.md, often a fragment (an output line, a member and a rule, a
/// rule whose body is elided as <c>{ … }</c>), into the complete files it can stand for.
/// </summary>
internal static class DocSample
{
    // Points the fragments read without declaring them.
    private static readonly string[] DefaultMembers =
    [
        "ai Power kW", "ai Reactive kvar", "ai Out kW", "ai PowerAvg kW",
        "generic Label: string", "di Running: bool", "di Status: int",
        "pi TotalEnergy kWh", "pi DailyEnergy kWh", "attribute Limit: double = 5",
    ];

    private static readonly Regex Member = new(@"^[ \t]*(ai|di|pi|generic|attribute)\s+(`[^`\n]*`?|\w+).*$", RegexOptions.Multiline);

    // A fragment gives the type of a point it uses in a comment: "Out = sqrt(Running)   // Running: bool".
    private static readonly Regex TypeComment = new(@"//\s*(\w+):\s*(\w+)\s*$", RegexOptions.Multiline);

    private static readonly Regex Output = new(@"(?:^|\{)\s*(\w+)\s*=[^=]", RegexOptions.Multiline);

    private static readonly Regex ModelName = new(@"^\s*(?:aggregate|merge|energy)\s+(\w+)|(\w+)::", RegexOptions.Multiline);

    /// <summary>The sample as written, then completed: in a job, in a job with models, as the body of a merge or an aggregate.</summary>
    /// <param name="vocabulary">Members by name, declared in the models when the fragment reads the name.</param>
    public static IEnumerable<string> Completions(string sample, IReadOnlyDictionary<string, string>? vocabulary = null)
    {
        yield return sample;
        var text = sample.Replace("{ … }", "{ }").Replace("…", "");
        yield return "job demo\n" + text;
        if (Regex.IsMatch(text, @"^\s*(model|job)\b", RegexOptions.Multiline))
            yield break;
        var prelude = "job demo\nsettings { timezone \"UTC\" }\n" + Models(text, vocabulary);
        var rules = Member.Replace(text, "// (declared in the model)");
        yield return prelude + rules;
        yield return prelude + "merge Turbine on Power {\n" + rules + "\n}\n";
        yield return prelude + "aggregate Turbine window tumbling 10m {\n" + rules + "\n}\n";
    }

    // Every model the fragment names, each with the members the fragment declares, the points its
    // comments type, the outputs it writes and the default points it does not declare otherwise.
    private static string Models(string text, IReadOnlyDictionary<string, string>? vocabulary)
    {
        var members = Member.Matches(text).ToDictionary(m => m.Groups[2].Value, m => m.Value.Trim());
        foreach (Match typed in TypeComment.Matches(text))
            members.TryAdd(typed.Groups[1].Value, $"generic {typed.Groups[1].Value}: {typed.Groups[2].Value}");
        foreach (var (name, member) in vocabulary ?? new Dictionary<string, string>())
        {
            if (Regex.IsMatch(text, $@"\b{name}\b"))
                members.TryAdd(name, member);
        }
        foreach (var member in DefaultMembers)
            members.TryAdd(member.Split(' ', ':')[1], member);
        foreach (Match output in Output.Matches(text))
            members.TryAdd(output.Groups[1].Value, $"ai {output.Groups[1].Value}");
        var body = string.Join("\n  ", members.Values);
        var names = ModelName.Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Append("Turbine").Distinct();
        return string.Concat(names.Select(name => $"model {name} {{\n  {body}\n}}\n"));
    }
}
