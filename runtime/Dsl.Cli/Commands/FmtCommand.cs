using System.CommandLine;
using Dsl.Compiler.Formatting;
using Dsl.Compiler.Syntax;

namespace Dsl.Cli.Commands;

/// <summary>
/// <c>dsl fmt FILE…</c>: rewrites files in canonical form (the formatter the language server
/// uses). <c>--check</c> only lists the files that would change and fails if there are any.
/// </summary>
public static class FmtCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders to format.", Arity = ArgumentArity.OneOrMore };
        var check = new Option<bool>("--check") { Description = "Change nothing; exit 1 if any file is not formatted." };
        var command = new Command("fmt", "Format .stream files canonically.") { paths, check };
        command.SetAction(result => Run(result.GetValue(paths) ?? [], result.GetValue(check)));
        return command;
    }

    private static int Run(IReadOnlyList<string> paths, bool checkOnly)
    {
        var (files, missing, unreadableFolders) = SourceFiles.Expand(paths);
        if (missing is not null)
        {
            Console.Error.WriteLine($"dsl fmt: {(missing is "" ? InputFiles.EmptyPath("a file or folder") : $"no such file or folder: {missing}")}");
            return ExitCodes.Usage;
        }
        foreach (var folder in unreadableFolders)
            Console.Error.WriteLine($"dsl fmt: {folder}");

        var unformatted = 0;
        var broken = 0;
        foreach (var file in files)
        {
            if (SourceFiles.Load(file, "fmt") is not { } source)
            {
                broken++;
                continue;
            }
            var tree = SyntaxTree.Parse(source);
            if (tree.Diagnostics.Count > 0)
            {
                // Only well-formed files are formatted; say why this one was left alone.
                Console.Error.WriteLine($"{file}: not formatted, it has syntax errors (see 'dsl check {file}').");
                broken++;
                continue;
            }

            var formatted = Formatter.Format(tree);
            if (formatted == tree.Source.Text)
                continue;
            if (SourceFiles.LineNotInItsEncoding(file) is { } line)
            {
                // Read, such bytes became U+FFFD (in a comment, which the compiler does not judge);
                // written back, they would be that for good.
                Console.Error.WriteLine($"{file}: not formatted, line {line} holds bytes that are not UTF-8, which writing the file would replace; save it as UTF-8 first.");
                broken++;
                continue;
            }

            unformatted++;
            if (checkOnly)
                Console.Out.WriteLine($"{file}: not formatted");
            else if (!SourceFiles.Write(file, formatted, "fmt"))
                broken++;
        }

        if (checkOnly && unformatted > 0)
            Console.Out.WriteLine($"{unformatted} of {files.Count} files need formatting; run 'dsl fmt' on them.");
        return broken > 0 || unreadableFolders.Count > 0 || (checkOnly && unformatted > 0) ? ExitCodes.UserError : ExitCodes.Success;
    }
}
