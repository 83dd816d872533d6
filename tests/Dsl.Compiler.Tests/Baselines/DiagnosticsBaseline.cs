using System.Text;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Tests.Baselines;

/// <summary>
/// Renders a file with its diagnostics interleaved under the lines they point at, as bicep's
/// baselines do: <c>//@[start:end) error DSL2003: message |excerpt|</c>, columns counted from 0
/// within the line.
/// </summary>
internal static class DiagnosticsBaseline
{
    public static string Render(SourceText source, IEnumerable<Diagnostic> diagnostics)
    {
        var byLine = diagnostics.ToLookup(d => d.Start.Line);
        var output = new StringBuilder();
        for (var line = 0; line < source.LineCount; line++)
        {
            var lineSpan = source.GetLineSpan(line);
            // The last line of a file that ends with a newline is empty: no need to print it.
            if (line == source.LineCount - 1 && lineSpan.Length == 0 && !byLine[line].Any())
                break;
            output.Append(source.ToString(lineSpan)).Append('\n');
            foreach (var diagnostic in byLine[line])
            {
                var start = diagnostic.Span.Start - lineSpan.Start;
                var end = Math.Min(diagnostic.Span.End, lineSpan.End) - lineSpan.Start;
                var excerpt = source.ToString(TextSpan.FromBounds(diagnostic.Span.Start, Math.Min(diagnostic.Span.End, lineSpan.End)));
                output.Append($"//@[{start}:{end}) {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Code}: {diagnostic.Message} |{excerpt}|\n");
            }
        }
        return output.ToString();
    }
}
