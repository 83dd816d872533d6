using System.CommandLine;
using Dsl.Control.Api;
using Dsl.Control.Security;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Releases.Workspaces;

namespace Dsl.Cli.Commands;

/// <summary>
/// <c>dsl lock JOB [--hard]</c> and <c>dsl unlock JOB [--force]</c>. Over a path the lock is
/// written into the daemon's repository under DSL_USER (or the login name); over HTTP it is taken
/// through the Releases rpcs under the token's name.
/// </summary>
public static class LockCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "The job." };
        var hard = new Option<bool>("--hard") { Description = "Refuse releases that change the job by anyone else until unlocked." };
        var (remote, token, server, ca) = (ReleaseCommand.RemoteOption(), ReleaseCommand.TokenOption(), ReleaseCommand.ServerOption(), ReleaseCommand.CaOption());
        var command = new Command("lock", "Take a job's editing lock.") { job, hard, remote, token, server, ca };
        command.SetAction(result => WorkspaceCommand.Run("lock", () =>
        {
            var name = result.GetValue(job) ?? "";
            var target = WorkspaceCommand.Current().Remote(result.GetValue(remote), result.GetValue(server));
            if (CaProblem(target, result.GetValue(server), result.GetValue(ca)) is { } caProblem)
            {
                Console.Error.WriteLine($"dsl lock: {caProblem}");
                return ExitCodes.Usage;
            }
            if (!Workspace.IsHttp(target))
            {
                var taken = Workspace.LockAtPath(target, name, result.GetValue(hard));
                Console.WriteLine($"Locked {taken.Job} for {taken.Holder}{(taken.Hard ? " (hard)" : "")}.");
                return ExitCodes.Success;
            }
            var response = Call(Server(target, result.GetValue(server)), Token(result.GetValue(token), target), result.GetValue(ca), channel => channel.UnaryAsync(ReleasesApi.Lock, new LockRequest { Job = name, Hard = result.GetValue(hard) }));
            Console.WriteLine($"Locked {response.Lock.Job} for {response.Lock.Holder}{(response.Lock.Hard ? " (hard)" : "")}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    public static Command CreateUnlock()
    {
        var job = new Argument<string>("job") { Description = "The job." };
        var force = new Option<bool>("--force") { Description = "Remove the lock even when someone else holds it." };
        var (remote, token, server, ca) = (ReleaseCommand.RemoteOption(), ReleaseCommand.TokenOption(), ReleaseCommand.ServerOption(), ReleaseCommand.CaOption());
        var command = new Command("unlock", "Release a job's editing lock.") { job, force, remote, token, server, ca };
        command.SetAction(result => WorkspaceCommand.Run("unlock", () =>
        {
            var name = result.GetValue(job) ?? "";
            var target = WorkspaceCommand.Current().Remote(result.GetValue(remote), result.GetValue(server));
            if (CaProblem(target, result.GetValue(server), result.GetValue(ca)) is { } caProblem)
            {
                Console.Error.WriteLine($"dsl unlock: {caProblem}");
                return ExitCodes.Usage;
            }
            var wasLocked = Workspace.IsHttp(target)
                ? Call(Server(target, result.GetValue(server)), Token(result.GetValue(token), target), result.GetValue(ca), channel => channel.UnaryAsync(ReleasesApi.Unlock, new UnlockRequest { Job = name, Force = result.GetValue(force) })).WasLocked
                : Workspace.UnlockAtPath(target, name, result.GetValue(force));
            Console.WriteLine(wasLocked ? $"Unlocked {name}." : $"{name} was not locked.");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// The daemon whose Releases rpcs hold the locks of an HTTP remote: <c>--server</c> when given (it
    /// names the daemon, also one behind a proxy whose URL tells nothing), else the daemon serving the
    /// remote, wherever the remote came from (<c>--remote</c>, DSL_RELEASE_REMOTE, the workspace's
    /// <c>daemon</c> remote or the clone's <c>origin</c>), so that the lock lands where <c>dsl release</c> pushes. DSL_SERVER only
    /// chooses the remote when nothing before it does.
    /// </summary>
    private static string Server(string remote, string? server) =>
        !string.IsNullOrWhiteSpace(server) ? server : Workspace.ServerOf(remote);

    /// <summary>
    /// The --token of the call: the option, else (when DSL_TOKEN, which the connection reads and names
    /// itself, is not set) the token the remote's URL carries, where a plain git clone keeps it.
    /// </summary>
    private static string? Token(string? option, string remote) =>
        string.IsNullOrEmpty(option) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ClientConnection.TokenVariable)) ? Workspace.UrlToken(remote) : option;

    /// <summary>Why --ca (or DSL_CA), which a call to an https:// daemon trusts, names no file (a usage error, as for dsl jobs); null otherwise.</summary>
    private static string? CaProblem(string target, string? server, string? ca) =>
        Workspace.IsHttp(target) && Server(target, server).StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? ClientConnection.CaFileProblem(ca) : null;

    private static T Call<T>(string server, string? token, string? ca, Func<ControlChannel, Task<T>> call)
    {
        try
        {
            using var channel = new ControlChannel(ClientConnection.Resolve(server, token, dataDirectory: null, caOption: ca));
            return call(channel).GetAwaiter().GetResult();
        }
        catch (RpcException e)
        {
            throw new InvalidDataException(e.Message);
        }
        catch (InvalidOperationException e)
        {
            // No token.
            throw new InvalidDataException(e.Message);
        }
    }
}
