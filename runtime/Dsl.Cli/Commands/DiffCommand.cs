using System.CommandLine;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl diff JOB [A] [B]</c>: compares two versions of a job.</summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "The job." };
        var from = new Argument<string?>("a") { Description = "The older version: vN, online or a git revision (HEAD by default).", Arity = ArgumentArity.ZeroOrOne };
        var to = new Argument<string?>("b") { Description = "The newer version (the file in the workspace by default).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("diff", "Show the changes between two versions of a job.") { job, from, to };
        command.SetAction(result => WorkspaceCommand.Run("diff", () =>
        {
            Console.Write(WorkspaceCommand.Current().Diff(result.GetValue(job) ?? "", result.GetValue(from), result.GetValue(to)));
            return ExitCodes.Success;
        }));
        return command;
    }
}
