using System.CommandLine;
using Dsl.Releases.Workspaces;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl export JOB -o FILE</c>: a self-contained file with the job and its models; <c>-o -</c> writes it to standard output.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "The job." };
        var output = new Option<string>("--output", "-o") { Description = "The file to write; - for standard output.", Required = true };
        var command = new Command("export", "Write a job and the model files it imports into one file.") { job, output };
        command.SetAction(result => WorkspaceCommand.Run("export", () =>
        {
            var path = result.GetValue(output) ?? "";
            if (InputFiles.EmptyOutput(path, "a file") is { } empty)
            {
                Console.Error.WriteLine($"dsl export: {empty}");
                return ExitCodes.Usage;
            }
            if (Directory.Exists(path))
            {
                Console.Error.WriteLine($"dsl export: {path} is a directory, not a file");
                return ExitCodes.Usage;
            }
            var workspace = WorkspaceCommand.Current();
            var bundle = workspace.Export(result.GetValue(job) ?? "");
            if (path == InputFiles.Standard)
            {
                // Standard output holds the export alone, for a pipe into dsl import - elsewhere;
                // written as run writes it, so that a reader gone fails the write.
                using (var standardOutput = InputFiles.OpenOutput(InputFiles.Standard))
                    standardOutput.Write(System.Text.Encoding.UTF8.GetBytes(bundle.ToJson()));
                Console.Error.WriteLine(Exported(bundle));
                return ExitCodes.Success;
            }
            // An -o that names a file of the export (jobs/JOB.stream, from jobs/ as -o JOB.stream)
            // would replace that source with the JSON, unsaved edits and all.
            var sources = bundle.Files.Select(f => Path.Combine(workspace.Root, f.Path)).ToArray();
            if (InputFiles.ReadAsWell(path, sources) is { } source)
            {
                Console.Error.WriteLine($"dsl export: the output {path} is a file of the export ({workspace.Relative(Path.GetFullPath(source))}); writing it would replace it. Write the export to another file.");
                return ExitCodes.Usage;
            }
            if (InputFiles.WriteProblem(path) is { } unwritable)
            {
                Console.Error.WriteLine($"dsl export: {unwritable}");
                return ExitCodes.UserError;
            }
            try
            {
                File.WriteAllText(path, bundle.ToJson());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"dsl export: cannot write {path}: {InputFiles.WriteRefusal(e, path)}");
                return ExitCodes.UserError;
            }
            Console.WriteLine(Exported(bundle));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Exported(ExportBundle bundle) =>
        $"Exported {bundle.Job}: {string.Join(", ", bundle.Files.Select(f => f.Path))}.";
}
