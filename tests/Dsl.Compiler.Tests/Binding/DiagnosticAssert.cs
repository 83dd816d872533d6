using System.Text;
using Dsl.Compiler.Diagnostics;
using Xunit.Sdk;

namespace Dsl.Compiler.Tests.Binding;

/// <summary>
/// Minsk-style inline checks: the spans marked in the source must carry exactly the expected
/// diagnostics, in order, and nothing else may be reported (no cascades).
/// </summary>
internal static class DiagnosticAssert
{
    /// <param name="markup">The main file, with <c>[|…|]</c> around each expected diagnostic.</param>
    /// <param name="expected">One line per marked span, as the CLI prints it: <c>error DSL2003: …</c>.</param>
    public static void Reports(string markup, string expected, params (string Name, string Text)[] files)
    {
        var annotated = AnnotatedText.Parse(markup);
        var compilation = TestCompiler.Compile(annotated.Text, files);
        var diagnostics = compilation.GetDiagnostics().Where(d => d.Source.Path == TestCompiler.MainPath).ToArray();
        var expectedLines = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        if (annotated.Spans.Length != expectedLines.Length)
            throw new ArgumentException($"The test marks {annotated.Spans.Length} spans but expects {expectedLines.Length} diagnostics.");

        var problems = new StringBuilder();
        if (diagnostics.Length != expectedLines.Length)
            problems.AppendLine($"Expected {expectedLines.Length} diagnostics, got {diagnostics.Length}.");
        for (var i = 0; i < Math.Min(diagnostics.Length, expectedLines.Length); i++)
        {
            var actual = TestCompiler.Describe(diagnostics[i]);
            if (actual != expectedLines[i])
                problems.AppendLine($"Diagnostic {i + 1}: expected\n  {expectedLines[i]}\nbut got\n  {actual}");
            if (diagnostics[i].Span != annotated.Spans[i])
                problems.AppendLine($"Diagnostic {i + 1} ({diagnostics[i].Code}): expected at \"{Excerpt(annotated.Text, annotated.Spans[i])}\" {annotated.Spans[i]}, but it is at \"{Excerpt(annotated.Text, diagnostics[i].Span)}\" {diagnostics[i].Span}.");
        }

        if (problems.Length > 0)
        {
            problems.AppendLine("All diagnostics:");
            foreach (var d in compilation.GetDiagnostics())
                problems.AppendLine($"  {d} at \"{Excerpt(d.Source.Text, d.Span)}\"");
            throw new XunitException(problems.ToString());
        }
    }

    /// <summary>The source compiles with no diagnostics at all (warnings included).</summary>
    public static void Clean(string source, params (string Name, string Text)[] files)
    {
        var diagnostics = TestCompiler.Compile(source, files).GetDiagnostics();
        if (diagnostics.Length > 0)
            throw new XunitException("Expected no diagnostics, got:\n" + string.Join("\n", diagnostics.Select(d => $"  {d}")));
    }

    private static string Excerpt(string text, Text.TextSpan span) =>
        span.Start >= text.Length ? "<end>" : text.Substring(span.Start, Math.Min(span.Length, text.Length - span.Start));
}
