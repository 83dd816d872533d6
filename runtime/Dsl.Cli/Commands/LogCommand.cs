using System.CommandLine;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl log JOB</c>: the versions of a job.</summary>
public static class LogCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "The job." };
        var command = new Command("log", "List the versions of a job: commits touching it and its release tags JOB/vN.") { job };
        command.SetAction(result => WorkspaceCommand.Run("log", () =>
        {
            foreach (var entry in WorkspaceCommand.Current().Log(result.GetValue(job) ?? ""))
            {
                var tags = entry.Tags.Count == 0 ? "" : $" ({string.Join(", ", entry.Tags)})";
                Console.WriteLine($"{entry.Commit[..12]} {entry.Date} {entry.Author}: {entry.Subject}{tags}");
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
