using System.CommandLine;
using Dsl.Cli.Reporting;
using Dsl.Compiler;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl check PATH…</c>: parse, bind and type-check files or folders.</summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders (searched recursively for .stream files).", Arity = ArgumentArity.OneOrMore };
        // The names the docs use, in help and in the refusal of any other (not the enum's type name).
        var format = new Option<string>("--format") { Description = "Output format: text, json or sarif.", DefaultValueFactory = _ => "text" };
        format.OneOf("text", "json", "sarif");
        var fix = new Option<bool>("--fix") { Description = "First make the edits the diagnostics' hints name (10 min as 10m, 0..100 as [0, 100]), then report what is left." };
        var command = new Command("check", "Check .stream files and report every diagnostic.") { paths, format, fix };
        command.SetAction(result => Run(result.GetValue(paths) ?? [], Enum.Parse<DiagnosticFormat>(result.GetValue(format) ?? "text", ignoreCase: true), Console.Out, result.GetValue(fix)));
        return command;
    }

    // An edit can bring out an error the one it fixed hid (one error per line), which may have an edit too.
    private const int FixRounds = 5;

    public static int Run(IReadOnlyList<string> paths, DiagnosticFormat format, TextWriter output, bool fix = false)
    {
        var (files, missing, unreadableFolders) = SourceFiles.Expand(paths);
        if (missing is not null)
        {
            Console.Error.WriteLine($"dsl check: {(missing is "" ? InputFiles.EmptyPath("a file or folder") : $"no such file or folder: {missing}")}");
            return ExitCodes.Usage;
        }
        foreach (var folder in unreadableFolders)
            Console.Error.WriteLine($"dsl check: {folder}");

        IReadOnlyList<Diagnostic> diagnostics;
        int unreadable;
        int done = 0;
        using (ProgressLine.Show("check", () => $"{Volatile.Read(ref done)} of {files.Count} files checked"))
            diagnostics = Check(files, out unreadable, () => Interlocked.Increment(ref done));
        // The counts go to stderr in a machine format, so that stdout stays one JSON or SARIF document.
        var report = format == DiagnosticFormat.Text ? output : Console.Error;
        var made = new Dictionary<string, int>();
        var unwritable = new HashSet<string>();
        for (var round = 0; fix && round < FixRounds && CheckFixes.Apply(diagnostics, made, unwritable) > 0; round++)
            diagnostics = Check(files, out unreadable);
        CheckFixes.Report(made, report);
        // The summary counts the files checked; each one that could not be read has its line on stderr.
        DiagnosticWriter.Write(output, format, diagnostics, files.Count - unreadable);
        return unreadable > 0 || unreadableFolders.Count > 0 || diagnostics.Any(d => d.IsError) ? ExitCodes.UserError : ExitCodes.Success;
    }

    /// <summary>
    /// Every diagnostic of the files, each reported once even when a models file is both
    /// checked directly and imported by a job. A file that cannot be read is said so on stderr
    /// (and counted in <paramref name="unreadable"/>), and the others are checked all the same.
    /// <paramref name="checkedOne"/> is called as each file is done, for a progress line.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(IEnumerable<string> files, out int unreadable, Action? checkedOne = null)
    {
        var seen = new HashSet<(string, int, int, string)>();
        var all = new List<Diagnostic>();
        unreadable = 0;
        foreach (var file in files)
        {
            if (SourceFiles.Load(file, "check") is not { } source)
            {
                unreadable++;
                checkedOne?.Invoke();
                continue;
            }
            var compilation = Compilation.Create(source, FileSystemSourceResolver.Instance);
            foreach (var diagnostic in compilation.GetDiagnostics())
            {
                var key = (Path.GetFullPath(diagnostic.Source.Path), diagnostic.Span.Start, diagnostic.Span.Length, diagnostic.Code);
                if (seen.Add(key))
                    all.Add(diagnostic);
            }
            checkedOne?.Invoke();
        }
        return all;
    }
}
