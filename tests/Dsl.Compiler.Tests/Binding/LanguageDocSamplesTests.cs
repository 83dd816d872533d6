using System.Text.RegularExpressions;
using Dsl.Compiler.Diagnostics;
using Dsl.TestUtilities;

namespace Dsl.Compiler.Tests.Binding;

/// <summary>
/// The samples of docs/language.md are what users copy into their jobs: each must compile without
/// an error, as written or completed with the job, models and rule around it that the text leaves
/// out (<see cref="DocSample"/>).
/// </summary>
public sealed class LanguageDocSamplesTests
{
    // Samples that are lists of tokens, not text of a job: numbers, strings and intervals side by
    // side; and imports, which need files beside the job.
    private static readonly string[] NotJobText = ["12 ", "\"Europe/Berlin\" ", "[0, 100) ", "import "];

    // The points and attributes the samples read, as the doc's models declare them.
    private static readonly Dictionary<string, string> Vocabulary = new()
    {
        ["ActivePower"] = "ai ActivePower: double kW range [-100, 3600]",
        ["ReactivePower"] = "ai ReactivePower kvar",
        ["RatedPower"] = "attribute RatedPower: double = 3000 kW",
        ["MeterScale"] = "attribute MeterScale = 1",
        ["ContractedDemand"] = "attribute ContractedDemand: double kW",
        ["PeakPrice"] = "attribute PeakPrice: double = 0.30",
        ["OffPeakPrice"] = "attribute OffPeakPrice: double = 0.12",
        ["TotalActiveEnergy"] = "pi TotalActiveEnergy kWh",
        ["Temperature"] = "ai Temperature \"°C\"",
        ["OilTemperature"] = "ai OilTemperature \"°C\"",
        ["AmbientTemperature"] = "ai AmbientTemperature \"°C\"",
        ["AcPower"] = "ai AcPower kW",
        ["DcPower"] = "ai DcPower kW",
        ["Overheating"] = "generic Overheating: bool",
        ["Flag"] = "generic Flag: bool",
        ["Flow"] = "ai Flow \"m3/h\"",
        ["Voltage"] = "ai Voltage V",
        ["ProducingTime"] = "ai ProducingTime s",
        ["MaxReading10Min"] = "ai MaxReading10Min kWh",
        ["MinReading10Min"] = "ai MinReading10Min kWh",
        ["Energy15m"] = "pi Energy15m kWh",
        ["HourlyEnergy"] = "pi HourlyEnergy kWh",
        ["a"] = "di a: bool", ["b"] = "di b: bool", ["c"] = "di c: bool",
    };

    public static TheoryData<int, string> Samples()
    {
        var docs = File.ReadAllText(RepoPaths.Combine("docs", "language.md")).ReplaceLineEndings("\n");
        var samples = new TheoryData<int, string>();
        foreach (Match block in Regex.Matches(docs, @"^```stream\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline))
        {
            var text = block.Groups[1].Value;
            if (!NotJobText.Any(start => text.StartsWith(start, StringComparison.Ordinal)))
                samples.Add(docs[..block.Index].Count(c => c == '\n') + 1, text);
        }
        return samples;
    }

    [Fact]
    public void The_doc_has_samples_and_the_list_of_token_samples_still_names_some()
    {
        var docs = File.ReadAllText(RepoPaths.Combine("docs", "language.md")).ReplaceLineEndings("\n");
        Assert.True(Samples().Count >= 30, $"only {Samples().Count} samples found");
        Assert.All(NotJobText, start => Assert.Contains("```stream\n" + start, docs));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_of_docs_language_md_compiles_without_errors(int line, string sample)
    {
        var errors = Errors(sample);
        if (errors.Count == 0)
            return;
        // A sample of alternatives (expressions, schedules) is a line each; an expression is the
        // value of an output, a number (Out) or a condition (Flag).
        var lines = sample.Split('\n').Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("//", StringComparison.Ordinal)).ToList();
        var lineErrors = lines.Select(l => (Line: l, Errors: Errors(l, "Out = " + l, "Flag = " + l))).Where(l => l.Errors.Count > 0).ToList();
        Assert.True(lineErrors.Count == 0,
            $"the sample at docs/language.md:{line} does not compile:\n  whole: {string.Join("\n         ", errors)}\n"
            + string.Concat(lineErrors.Select(l => $"  line \"{l.Line.Trim()}\": {string.Join("; ", l.Errors)}\n")));
    }

    // None if a completion of a form compiles, else the errors of the completion
    // with fewest, the one with most context of those. A schedule or a settings block of the samples may need an offline job.
    private static List<string> Errors(params string[] forms)
    {
        var completions = forms.SelectMany(form => DocSample.Completions(form, Vocabulary)
            .Append("job demo\nsettings { channel offline }\n" + form)).ToList();
        var errors = completions.Select(text => TestCompiler.Compile(text).GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error).Select(TestCompiler.Describe).ToList()).ToList();
        if (errors.Any(e => e.Count == 0))
            return [];
        var closest = Enumerable.Range(0, errors.Count).MinBy(i => (errors[i].Count, -completions[i].Length));
        return errors[closest].Prepend(completions[closest].ReplaceLineEndings(" | ")).ToList();
    }
}
