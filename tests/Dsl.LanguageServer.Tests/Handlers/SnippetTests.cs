using System.Text.Json;
using System.Text.RegularExpressions;
using Dsl.Compiler;
using Dsl.Compiler.Text;
using Dsl.TestUtilities;

namespace Dsl.LanguageServer.Tests.Handlers;

/// <summary>Every snippet of the VS Code extension, expanded with its defaults, compiles without errors.</summary>
public sealed partial class SnippetTests
{
    // A model with every name the snippets' defaults use.
    private const string Prelude = """
        job snippet_check "Snippets expanded with their defaults"

        model WindTurbine {
          ai ActivePower: double kW range [0, 3500]
          ai ReactivePower kvar
          pi TotalEnergy kWh
          attribute RatedPower: double = 3000 kW
          ai ActivePowerAvg10m kW
          ai ActivePowerMax1h kW
          ai SessionSamples: long
          ai ApparentPower kVA
          ai LoadFactor
          pi DailyEnergy kWh
          pi Energy15m kWh
        }

        """;

    public static TheoryData<string> SnippetNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in LoadSnippets().Keys)
            data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(SnippetNames))]
    public void The_snippet_compiles_without_errors(string name)
    {
        var (prefix, body) = LoadSnippets()[name];
        var expanded = Expand(body);
        var text = prefix switch
        {
            "job" => expanded + "\nmodel M {\n  ai P\n}\n",
            "model" or "settings" => "job snippet_check\n\n" + expanded,
            _ => Prelude + expanded,
        };
        var path = Path.Combine(Path.GetTempPath(), "snippet-check.stream");
        var errors = Compilation.Create(SourceText.From(text, path)).GetDiagnostics().Where(d => d.IsError).ToArray();
        Assert.True(errors.Length == 0, $"{name}:\n{text}\n{string.Join('\n', errors.Select(e => e.ToString()))}");
    }

    [Fact]
    public void There_is_a_snippet_for_every_rule_kind_and_for_model_settings_and_job()
    {
        var prefixes = LoadSnippets().Values.Select(v => v.Prefix).ToArray();
        foreach (var expected in new[] { "job", "settings", "model", "aggregate", "merge", "energy-meter" })
            Assert.Contains(expected, prefixes);
    }

    /// <summary>Replaces placeholders with their defaults: ${1:x} → x, ${1|a,b|} → a, $0 → nothing, \t → two spaces.</summary>
    public static string Expand(string body)
    {
        var text = ChoicePattern().Replace(body, m => m.Groups[1].Value);
        while (PlaceholderPattern().IsMatch(text))
            text = PlaceholderPattern().Replace(text, m => m.Groups[1].Value);
        return TabStopPattern().Replace(text, "").Replace("\t", "  ", StringComparison.Ordinal);
    }

    private static Dictionary<string, (string Prefix, string Body)> LoadSnippets()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("lsp", "vscode", "snippets", "stream.json")));
        return json.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => (p.Value.GetProperty("prefix").GetString() ?? "", string.Join('\n', p.Value.GetProperty("body").EnumerateArray().Select(l => l.GetString())) + "\n"));
    }

    [GeneratedRegex(@"\$\{\d+\|([^,|}]*)[^}]*\|\}")]
    private static partial Regex ChoicePattern();

    [GeneratedRegex(@"\$\{\d+:([^${}]*)\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\$\d+")]
    private static partial Regex TabStopPattern();
}
