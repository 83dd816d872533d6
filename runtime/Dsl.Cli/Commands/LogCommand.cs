using System.CommandLine;
using Dsl.Releases.Repository;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl log JOB</c>: the versions of a job, with the release tags fetched from the daemon.</summary>
public static class LogCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "The job." };
        var remote = ReleaseCommand.RemoteOption();
        var server = ReleaseCommand.ServerOption();
        var token = ReleaseCommand.TokenOption();
        var ca = ReleaseCommand.CaOption();
        var command = new Command("log", "List the versions of a job: commits touching it and its release tags JOB/vN, fetched from the daemon.") { job, remote, server, token, ca };
        command.SetAction(result => WorkspaceCommand.Run("log", () =>
        {
            var workspace = WorkspaceCommand.Current();
            var name = result.GetValue(job) ?? "";
            // A name that is no job name is refused in its own words, not after a fetch that may fail.
            JobPaths.Validate(name);
            WorkspaceCommand.FetchReleases("log", workspace, result.GetValue(remote), result.GetValue(server), result.GetValue(token), result.GetValue(ca));
            foreach (var entry in workspace.Log(name))
            {
                var tags = entry.Tags.Count == 0 ? "" : $" ({string.Join(", ", entry.Tags)})";
                Console.WriteLine($"{entry.Commit[..12]} {entry.Date} {entry.Author}: {entry.Subject}{tags}");
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
