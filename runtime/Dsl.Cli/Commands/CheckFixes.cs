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
    /// Makes the edits of <paramref name="diagnostics"/> in their files, adding to
    /// <paramref name="made"/> how many each file got; returns how many were made. Two edits of one
    /// place cannot both be right, so of overlapping edits only the later one in the file is made.
    /// A file that cannot be written (said once, on stderr) goes into <paramref name="unwritable"/>
    /// and is left alone by the rounds after.
    /// </summary>
    public static int Apply(IEnumerable<Diagnostic> diagnostics, Dictionary<string, int> made, HashSet<string> unwritable)
    {
        var total = 0;
        foreach (var file in diagnostics.Where(d => d.Fix != null).GroupBy(d => d.Source))
        {
            if (unwritable.Contains(file.Key.Path))
                continue;
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
            {
                unwritable.Add(file.Key.Path);
                continue;
            }
            made[file.Key.Path] = made.GetValueOrDefault(file.Key.Path) + count;
            total += count;
        }
        return total;
    }

    /// <summary>One line per file edited, with the edits of every round.</summary>
    public static void Report(Dictionary<string, int> made, TextWriter report)
    {
        foreach (var (path, count) in made)
            report.WriteLine($"{path}: {(count == 1 ? "1 fix" : $"{count} fixes")} made.");
    }
}
