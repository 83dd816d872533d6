using System.CommandLine;
using Dsl.Releases.Workspaces;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl init [PATH] [--remote R]</c>: a workspace git repository with jobs/ and models/.</summary>
public static class InitCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The workspace folder.", DefaultValueFactory = _ => "." };
        var remote = new Option<string?>("--remote") { Description = "The daemon's repository: DATA/jobs.git or http://HOST:PORT/git/jobs.git." };
        var command = new Command("init", "Create a workspace: a git repository with jobs/ and models/.") { path, remote };
        command.SetAction(result => WorkspaceCommand.Run("init", () =>
        {
            var folder = result.GetValue(path) ?? ".";
            if (folder is "" || File.Exists(folder))
            {
                Console.Error.WriteLine($"dsl init: {(folder is "" ? InputFiles.EmptyPath("a folder") : $"{folder} is a file, not a folder")}");
                return ExitCodes.Usage;
            }
            if (result.GetValue(remote) is "")
            {
                // Checked before anything is made: a usage error leaves nothing behind.
                Console.Error.WriteLine("dsl init: --remote is empty: name the daemon's repository (DATA/jobs.git or http://HOST:PORT/git/jobs.git), or leave the option out.");
                return ExitCodes.Usage;
            }
            var workspace = Workspace.Init(folder, result.GetValue(remote));
            Console.WriteLine($"Workspace ready at {workspace.Root}.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
