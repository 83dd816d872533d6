using Dsl.Compiler.Diagnostics;

namespace Dsl.Cli.Commands;

/// <summary>
/// <c>dsl check --fix</c>: makes, in the files, the edits that diagnostics carry (<see cref="Diagnostic.Fix"/>):
/// each is exactly what its hint says was meant, over the very text the hint was made from
/// (<c>10 min</c> as <c>10m</c>, <c>0..100</c> as <c>[0, 100]</c>). A "Did you mean" guess is no such
/// edit and is left to the user.
/// </summary>
internal static class CheckFixes
{
    /// <summary>
    /// Makes the edits of <paramref name="diagnostics"/> in their files, and says on
    /// <paramref name="report"/> how many each file got; returns how many were made. Two edits of
    /// one place cannot both be right, so of overlapping edits only the later one in the file is made.
    /// </summary>
    public static int Apply(IEnumerable<Diagnostic> diagnostics, TextWriter report)
    {
        var made = 0;
        foreach (var file in diagnostics.Where(d => d.Fix != null).GroupBy(d => d.Source))
        {
            var text = file.Key.Text;
            var end = int.MaxValue;
            var count = 0;
            foreach (var fix in file.Select(d => d.Fix!).Distinct().OrderByDescending(f => f.Span.Start))
            {
                if (fix.Span.End > end)
                    continue;
                text = string.Concat(text.AsSpan(0, fix.Span.Start), fix.NewText, text.AsSpan(fix.Span.End));
                end = fix.Span.Start;
                count++;
            }
            if (!SourceFiles.Write(file.Key.Path, text, "check"))
                continue;
            report.WriteLine($"{file.Key.Path}: {(count == 1 ? "1 fix" : $"{count} fixes")} made.");
            made += count;
        }
        return made;
    }
}
