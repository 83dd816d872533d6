using System.CommandLine;
using Dsl.Releases.Repository;
using Dsl.Releases.Versions;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl diff JOB [A] [B]</c>: compares two versions of a job.</summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "The job." };
        var from = new Argument<string?>("a") { Description = "The older version: vN, online or a git revision (HEAD by default).", Arity = ArgumentArity.ZeroOrOne };
        var to = new Argument<string?>("b") { Description = "The newer version (the file in the workspace by default).", Arity = ArgumentArity.ZeroOrOne };
        var remote = ReleaseCommand.RemoteOption();
        var server = ReleaseCommand.ServerOption();
        var token = ReleaseCommand.TokenOption();
        var ca = ReleaseCommand.CaOption();
        var command = new Command("diff", "Show the changes between two versions of a job (a release vN not fetched yet is fetched from the daemon).") { job, from, to, remote, server, token, ca };
        command.SetAction(result => WorkspaceCommand.Run("diff", () =>
        {
            // A version no release can have is a bad argument: refused before anything is fetched.
            if (new[] { result.GetValue(from), result.GetValue(to) }.Select(ReleaseNumber.Problem).FirstOrDefault(p => p is not null) is { } bad)
            {
                Console.Error.WriteLine($"dsl diff: {bad}");
                return ExitCodes.Usage;
            }

            var workspace = WorkspaceCommand.Current();
            var name = result.GetValue(job) ?? "";
            JobPaths.Validate(name);
            // Only a release tag the workspace lacks needs the daemon; other versions are local.
            if (workspace.LacksRelease(name, result.GetValue(from)) || workspace.LacksRelease(name, result.GetValue(to)))
                WorkspaceCommand.FetchReleases("diff", workspace, result.GetValue(remote), result.GetValue(server), result.GetValue(token), result.GetValue(ca));
            Console.Write(workspace.Diff(name, result.GetValue(from), result.GetValue(to)));
            return ExitCodes.Success;
        }));
        return command;
    }
}
