using System.Net;
using System.Text.RegularExpressions;
using Dsl.Compiler.Diagnostics;
using Dsl.TestUtilities;

namespace Dsl.Compiler.Tests.Binding;

public sealed class DiagnosticDescriptorTests
{
    [Fact]
    public void An_internal_error_from_an_exception_whose_message_ends_in_a_period_has_one_period()
    {
        var detail = DiagnosticDescriptors.InternalErrorDetail(new ArgumentOutOfRangeException(null, "Value is outside the supported range."));
        var diagnostic = DiagnosticDescriptors.InternalCompilerError.Create(Text.SourceText.From("", "a.stream"), default, detail);

        Assert.Equal("Internal compiler error: ArgumentOutOfRangeException: Value is outside the supported range. Please report it with the file that caused it.", diagnostic.Message);
    }

    [Fact]
    public void Every_code_is_unique()
    {
        var duplicates = DiagnosticDescriptors.All.GroupBy(d => d.Code).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_code_has_the_form_DSL_and_four_digits_from_1xxx_to_5xxx()
    {
        var malformed = DiagnosticDescriptors.All.Select(d => d.Code).Where(code => !Regex.IsMatch(code, @"^DSL[1-5]\d\d\d$"));
        Assert.Empty(malformed);
    }

    [Fact]
    public void Every_code_is_declared_in_the_section_of_its_range()
    {
        // The sections of DiagnosticDescriptors.cs are headed "// ---- DSL2xxx: names ----".
        var path = RepoPaths.Combine("compiler", "Dsl.Compiler", "Diagnostics", "DiagnosticDescriptors.cs");
        char? section = null;
        var misplaced = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            var header = Regex.Match(line, @"//\s*-+\s*DSL(\d)xxx");
            if (header.Success)
                section = header.Groups[1].Value[0];
            foreach (Match code in Regex.Matches(line, "\"(DSL(\\d)\\d\\d\\d)\""))
            {
                if (code.Groups[2].Value[0] != section)
                    misplaced.Add($"{code.Groups[1].Value} (in the DSL{section}xxx section)");
            }
        }
        Assert.Empty(misplaced);
    }

    [Fact]
    public void Every_code_is_documented_in_docs_diagnostics_md()
    {
        var docs = File.ReadAllText(RepoPaths.Combine("docs", "diagnostics.md"));
        var undocumented = DiagnosticDescriptors.All.Select(d => d.Code).Where(code => !Regex.IsMatch(docs, $@"^#+\s+{code}\b", RegexOptions.Multiline));
        Assert.Empty(undocumented);
    }

    // The samples of docs/diagnostics.md are what users copy to see an error; each must still produce
    // its code. These need what one text cannot hold: a second file, a directory or a denied read,
    // or (1008, 1013) they stand for a file too long to show.
    private static readonly HashSet<string> SamplesNotCompilable = ["DSL1008", "DSL1013", "DSL2013", "DSL2014", "DSL2020", "DSL2022"];

    [Fact]
    public void Every_message_in_docs_diagnostics_md_is_what_the_compiler_says_for_its_sample()
    {
        // Line numbers aside: a sample completed into a job has lines the doc's snippet does not.
        static string Lines(string message) => Regex.Replace(message, @"line \d+", "line N");
        // Markdown escapes punctuation with a backslash: '\_' is shown as '_'.
        static string Unescaped(string markdown) => Regex.Replace(WebUtility.HtmlDecode(markdown), @"\\([!-/:-@\[-`{-~])", "$1");
        var docs = File.ReadAllText(RepoPaths.Combine("docs", "diagnostics.md"));
        var entries = Regex.Matches(docs, @"^### (DSL[1-3]\d{3})\b(?<body>.*?)(?=^##)", RegexOptions.Multiline | RegexOptions.Singleline);
        var differing = new List<string>();
        foreach (Match entry in entries)
        {
            var code = entry.Groups[1].Value;
            var message = Regex.Match(entry.Groups["body"].Value, @"^\*\*(?:Error|Warning)\*\*\. Message: (.*)$", RegexOptions.Multiline);
            var sample = Regex.Match(entry.Groups["body"].Value, @"```stream\n(.*?)```", RegexOptions.Singleline);
            // DSL2012 names the path on disk, which the test compiler's virtual files do not have.
            if (SamplesNotCompilable.Contains(code) || code == "DSL2012" || !message.Success || !sample.Success)
                continue;
            var documented = Lines(Unescaped(message.Groups[1].Value.Trim()));
            var said = DocSample.Completions(sample.Groups[1].Value)
                .SelectMany(text => TestCompiler.Compile(text).GetDiagnostics().Where(d => d.Code == code).Select(d => Lines(d.Message)))
                .ToList();
            if (said.Count > 0 && !said.Contains(documented))
                differing.Add($"{code}: the doc says \"{documented}\", the compiler \"{said[0]}\"");
        }
        Assert.True(differing.Count == 0, string.Join("\n", differing));
    }

    [Fact]
    public void Every_compiler_diagnostic_sample_in_docs_diagnostics_md_reports_its_code()
    {
        var docs = File.ReadAllText(RepoPaths.Combine("docs", "diagnostics.md"));
        var entries = Regex.Matches(docs, @"^### (DSL[1-3]\d{3})\b(?<body>.*?)(?=^##)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.NotEmpty(entries);
        var failing = new List<string>();
        foreach (Match entry in entries)
        {
            var code = entry.Groups[1].Value;
            if (SamplesNotCompilable.Contains(code))
                continue;
            var sample = Regex.Match(entry.Groups["body"].Value, @"```stream\n(.*?)```", RegexOptions.Singleline);
            if (!sample.Success)
            {
                failing.Add($"{code}: no stream sample");
                continue;
            }
            var reported = DocSample.Completions(sample.Groups[1].Value)
                .Any(text => TestCompiler.Compile(text).GetDiagnostics().Any(d => d.Code == code));
            if (!reported)
                failing.Add(code);
        }
        Assert.True(failing.Count == 0, "Samples not reporting their code: " + string.Join(", ", failing));
    }
}
