using System.CommandLine;
using Dsl.Releases.Repository;
using Dsl.Releases.Workspaces;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl revert JOB</c>: the online version back into the workspace.</summary>
public static class RevertCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "The job." };
        var remote = ReleaseCommand.RemoteOption();
        var token = ReleaseCommand.TokenOption();
        var server = ReleaseCommand.ServerOption();
        var ca = ReleaseCommand.CaOption();
        var command = new Command("revert", "Replace the job's file with its online version (the daemon's release branch).") { job, remote, server, token, ca };
        command.SetAction(result => WorkspaceCommand.Run("revert", () =>
        {
            var workspace = WorkspaceCommand.Current();
            var name = result.GetValue(job) ?? "";
            JobPaths.Validate(name);
            var target = workspace.Remote(result.GetValue(remote), result.GetValue(server));
            if (WorkspaceCommand.CaProblem(target, result.GetValue(ca)) is { } caProblem)
            {
                Console.Error.WriteLine($"dsl revert: {caProblem}");
                return ExitCodes.Usage;
            }
            if (WorkspaceCommand.FetchProblem(workspace, target, WorkspaceCommand.Token(result.GetValue(token), target), result.GetValue(ca)) is { } problem)
            {
                Console.Error.WriteLine($"dsl revert: cannot read the daemon's repository {Workspace.Shown(target)} ({problem}).");
                return ExitCodes.UserError;
            }
            var file = workspace.WriteOnline(name);
            Console.WriteLine($"Reverted {workspace.Relative(file)} to the online version.");
            // Only the job's file is written: a model it imports may be another job's work in progress.
            if (workspace.ImportsNotOnline(name) is { Count: > 0 } models)
                Console.Error.WriteLine($"dsl revert: warning: {name} imports files that differ from their online versions, left as they are since other jobs may import them: {string.Join(", ", models)}. Until they are restored too (git restore --source={Workspace.FetchedReleaseRef} -- {string.Join(' ', models.Select(Quoted))}), {name} is not its online version.");
            return ExitCodes.Success;
        }));
        return command;
    }

    // A path as a shell takes it in the advice: quoted when it holds a space or another special character.
    private static string Quoted(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-') ? path : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
