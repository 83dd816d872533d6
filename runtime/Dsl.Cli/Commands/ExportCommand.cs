using System.CommandLine;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl export JOB -o FILE</c>: a self-contained file with the job and its models.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "The job." };
        var output = new Option<string>("--output", "-o") { Description = "The file to write.", Required = true };
        var command = new Command("export", "Write a job and the model files it imports into one file.") { job, output };
        command.SetAction(result => WorkspaceCommand.Run("export", () =>
        {
            var path = result.GetValue(output) ?? "";
            if (Directory.Exists(path))
            {
                Console.Error.WriteLine($"dsl export: {path} is a directory, not a file");
                return ExitCodes.Usage;
            }
            var bundle = WorkspaceCommand.Current().Export(result.GetValue(job) ?? "");
            File.WriteAllText(path, bundle.ToJson());
            Console.WriteLine($"Exported {bundle.Job}: {string.Join(", ", bundle.Files.Select(f => f.Path))}.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
