using System.CommandLine;
using Dsl.Control.Security;
using Dsl.Releases.Workspaces;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl release</c>: <c>git push REMOTE HEAD:release</c>.</summary>
public static class ReleaseCommand
{
    public static Option<string?> RemoteOption() =>
        new("--remote") { Description = $"The daemon's repository (path or http://HOST:PORT/git/jobs.git); default {Workspace.RemoteVariable} or the git remote '{Workspace.RemoteName}'." };

    public static Option<string?> TokenOption() =>
        new("--token") { Description = "The daemon token for an HTTP remote (default DSL_TOKEN)." };

    public static Option<string?> ServerOption() =>
        new("--server") { Description = "The daemon's address (default DSL_SERVER or http://127.0.0.1:7400); its git repository is at /git/jobs.git on the next port, or on the same port for https://." };

    public static Option<string?> CaOption(bool recursive = false) =>
        new("--ca") { Description = $"PEM certificates to trust for an https:// daemon besides the system's, e.g. its self-signed certificate (default {ClientConnection.CaVariable}).", Recursive = recursive };

    public static Command Create()
    {
        var remote = RemoteOption();
        var server = ServerOption();
        var token = TokenOption();
        var ca = CaOption();
        var restart = new Option<bool>("--restart") { Description = "Stop and restart jobs whose state cannot be kept (git push -o restart)." };
        var command = new Command("release", "Release the saved jobs: push HEAD to the daemon's release branch.") { remote, server, token, ca, restart };
        command.SetAction(result => WorkspaceCommand.Run("release", () =>
        {
            var workspace = WorkspaceCommand.Current();
            var pushed = workspace.Release(workspace.Remote(result.GetValue(remote), result.GetValue(server)), WorkspaceCommand.Token(result.GetValue(token)), result.GetValue(restart), ClientConnection.CaFile(result.GetValue(ca)));
            Console.Out.Write(pushed.Output);
            Console.Error.Write(pushed.Error);
            return pushed.Success ? ExitCodes.Success : ExitCodes.UserError;
        }));
        return command;
    }
}
