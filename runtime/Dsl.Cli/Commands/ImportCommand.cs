using System.CommandLine;
using Dsl.Releases.Workspaces;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl import FILE [--overwrite]</c>: the files of an export into this workspace (<c>-</c>: from standard input).</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A file written by 'dsl export'; - for standard input." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace files that exist with other content (they are skipped otherwise)." };
        var command = new Command("import", "Add an exported job and its models to this workspace.") { file, overwrite };
        command.SetAction(result => WorkspaceCommand.Run("import", () =>
        {
            var source = result.GetValue(file) ?? "";
            if (source != InputFiles.Standard && InputFiles.FileProblem(source) is { } problem)
            {
                Console.Error.WriteLine($"dsl import: {problem}");
                return ExitCodes.Usage;
            }
            string json;
            using (var reader = new StreamReader(InputFiles.OpenInput(source)))
                json = reader.ReadToEnd();
            var bundle = ExportBundle.Parse(json);
            var imported = WorkspaceCommand.Current().Import(bundle, result.GetValue(overwrite));
            foreach (var path in imported.Written)
                Console.WriteLine($"wrote {path}");
            foreach (var path in imported.Unchanged)
                Console.WriteLine($"unchanged {path}");
            foreach (var path in imported.Skipped)
                Console.Error.WriteLine($"skipped {path}: it exists with other content (use --overwrite to replace it)");
            return imported.Skipped.Count > 0 ? ExitCodes.UserError : ExitCodes.Success;
        }));
        return command;
    }
}
