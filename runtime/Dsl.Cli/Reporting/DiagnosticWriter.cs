using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Cli.Reporting;

/// <summary>Prints diagnostics as the command line shows them, as JSON, or as SARIF 2.1.0 for code-scanning tools.</summary>
public static class DiagnosticWriter
{
    /// <summary>
    /// People read these too: quotes and non-ASCII names as themselves (not <c>\u0027</c>); JSON
    /// still escapes what it must (<c>"</c>, <c>\</c>, control characters). Nothing embeds it in HTML.
    /// </summary>
    private static readonly JsonSerializerOptions _indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, DiagnosticFormat format, IReadOnlyList<Diagnostic> diagnostics, int fileCount)
    {
        switch (format)
        {
            case DiagnosticFormat.Json:
                output.WriteLine(ToJson(diagnostics).ToJsonString(_indented));
                break;
            case DiagnosticFormat.Sarif:
                output.WriteLine(ToSarif(diagnostics).ToJsonString(_indented));
                break;
            default:
                foreach (var diagnostic in diagnostics)
                    output.WriteLine(diagnostic.ToString());
                output.WriteLine(Summary(diagnostics, fileCount));
                break;
        }
    }

    public static string Summary(IReadOnlyList<Diagnostic> diagnostics, int fileCount)
    {
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        return $"Checked {Plural(fileCount, "file")}: {Plural(errors, "error")}, {Plural(warnings, "warning")}.";
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static JsonArray ToJson(IReadOnlyList<Diagnostic> diagnostics)
    {
        var array = new JsonArray();
        foreach (var d in diagnostics)
        {
            var item = new JsonObject
            {
                ["file"] = d.Source.Path,
                ["line"] = d.Start.Line + 1,
                ["column"] = d.Start.Character + 1,
                ["endLine"] = d.End.Line + 1,
                ["endColumn"] = d.End.Character + 1,
                ["severity"] = d.Severity.ToString().ToLowerInvariant(),
                ["code"] = d.Code,
                ["message"] = d.Message,
            };
            if (d.Fix is { } fix)
            {
                var region = Region(d, fix);
                region["newText"] = fix.NewText;
                item["fix"] = region;
            }
            array.Add(item);
        }
        return array;
    }

    /// <summary>Where a fix's edit goes, one-based as the diagnostic's own position.</summary>
    private static JsonObject Region(Diagnostic d, TextReplacement fix)
    {
        var (start, end) = (d.Source.GetLinePosition(fix.Span.Start), d.Source.GetLinePosition(fix.Span.End));
        return new JsonObject
        {
            ["line"] = start.Line + 1,
            ["column"] = start.Character + 1,
            ["endLine"] = end.Line + 1,
            ["endColumn"] = end.Character + 1,
        };
    }

    /// <summary>
    /// A file's path as the URI reference SARIF asks for: a relative path stays relative (code-scanning
    /// tools resolve it against the checkout) with each segment escaped, so that a space or a '#' in a
    /// name does not make it another URI or an invalid one; an absolute path is a file:// URI.
    /// </summary>
    private static string ArtifactUri(string path)
    {
        if (Path.IsPathRooted(path))
            return new Uri(Path.GetFullPath(path)).AbsoluteUri;
        return string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
    }

    /// <summary>A diagnostic's edit as SARIF's <c>fixes</c>: one replacement in the diagnostic's file.</summary>
    private static JsonArray SarifFix(Diagnostic d, TextReplacement fix)
    {
        var region = Region(d, fix);
        var deleted = new JsonObject
        {
            ["startLine"] = region["line"]!.GetValue<int>(),
            ["startColumn"] = region["column"]!.GetValue<int>(),
            ["endLine"] = region["endLine"]!.GetValue<int>(),
            ["endColumn"] = region["endColumn"]!.GetValue<int>(),
        };
        return new JsonArray(new JsonObject
        {
            ["description"] = new JsonObject { ["text"] = $"Change to '{fix.NewText}'" },
            ["artifactChanges"] = new JsonArray(new JsonObject
            {
                ["artifactLocation"] = new JsonObject { ["uri"] = ArtifactUri(d.Source.Path) },
                ["replacements"] = new JsonArray(new JsonObject
                {
                    ["deletedRegion"] = deleted,
                    ["insertedContent"] = new JsonObject { ["text"] = fix.NewText },
                }),
            }),
        });
    }

    private static JsonObject ToSarif(IReadOnlyList<Diagnostic> diagnostics)
    {
        var rules = new JsonArray();
        foreach (var descriptor in DiagnosticDescriptors.All.Where(x => diagnostics.Any(d => d.Code == x.Code)))
            rules.Add(new JsonObject { ["id"] = descriptor.Code, ["shortDescription"] = new JsonObject { ["text"] = descriptor.Title } });

        var results = new JsonArray();
        foreach (var d in diagnostics)
        {
            var result = new JsonObject
            {
                ["ruleId"] = d.Code,
                ["level"] = d.Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "note" },
                ["message"] = new JsonObject { ["text"] = d.Message },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = ArtifactUri(d.Source.Path) },
                        ["region"] = new JsonObject
                        {
                            ["startLine"] = d.Start.Line + 1,
                            ["startColumn"] = d.Start.Character + 1,
                            ["endLine"] = d.End.Line + 1,
                            ["endColumn"] = d.End.Character + 1,
                        },
                    },
                }),
            };
            if (d.Fix is { } fix)
                result["fixes"] = SarifFix(d, fix);
            results.Add(result);
        }

        return new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                // No informationUri: SARIF wants an absolute URI there, and the tool has no page of its own to name.
                ["tool"] = new JsonObject { ["driver"] = new JsonObject { ["name"] = "dsl", ["rules"] = rules } },
                ["results"] = results,
            }),
        };
    }
}
