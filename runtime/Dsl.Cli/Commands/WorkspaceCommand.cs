using Dsl.Cli.Reporting;
using Dsl.Control.Security;
using Dsl.Releases.Git;
using Dsl.Releases.Locks;
using Dsl.Releases.Workspaces;

namespace Dsl.Cli.Commands;

/// <summary>Runs a workspace command, turning its refusals into a message and exit code 1 (2 for a server that is no address).</summary>
public static class WorkspaceCommand
{
    public static int Run(string command, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ServerAddressException e)
        {
            // --server, or DSL_SERVER standing for it, named wrong: a usage error, as for dsl jobs.
            Console.Error.WriteLine($"dsl {command}: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is WorkspaceException or GitException or LockConflictException or ArgumentException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"dsl {command}: {UserMessage.Of(e)}");
            return ExitCodes.UserError;
        }
    }

    /// <summary>The workspace around the current directory.</summary>
    public static Workspace Current() => Workspace.Find(Directory.GetCurrentDirectory());

    /// <summary>
    /// Fetches the daemon's release branch and release tags into the workspace before a command
    /// reads them, so that releases made from other workspaces (or by a plain <c>git push</c>) are
    /// seen. A daemon out of reach is one warning line: the command goes on with what was fetched before.
    /// </summary>
    public static void FetchReleases(string command, Workspace workspace, string? remote, string? server, string? token, string? ca)
    {
        var target = workspace.Remote(remote, server);
        if (FetchProblem(workspace, target, Token(token, target), ca) is { } failure)
            Console.Error.WriteLine($"dsl {command}: warning: cannot fetch the release tags from {Workspace.Shown(target)} ({failure}); using those fetched before.");
    }

    /// <summary>
    /// Fetches the daemon's release branch and tags; null when that worked, else why not in one
    /// phrase: no token for an HTTP remote, a token the daemon refused, or git's own reason.
    /// </summary>
    public static string? FetchProblem(Workspace workspace, string target, string? token, string? ca)
    {
        if (Workspace.IsHttp(target) && string.IsNullOrEmpty(token))
            return "no token: pass --token or set DSL_TOKEN; a viewer token will do";
        if (CaProblem(target, ca) is { } caProblem)
            return caProblem;
        var fetch = workspace.Fetch(target, token, ca);
        return fetch.Success ? null
            : TokenNotAccepted(fetch.Error) ? "the daemon did not accept the token (401): check --token or DSL_TOKEN"
            : AtGrpcPort(fetch.Error) ? GrpcPortAdvice
            : Reason(fetch.Combined);
    }

    /// <summary>
    /// Why --ca (or DSL_CA), git's CA bundle for an https:// remote, names no file; null otherwise.
    /// git would only say it cannot set its certificate locations.
    /// </summary>
    public static string? CaProblem(string target, string? ca) =>
        target.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? ClientConnection.CaFileProblem(ca) : null;

    /// <summary>What to do when a remote names the daemon's gRPC port (see <see cref="AtGrpcPort"/>).</summary>
    public const string GrpcPortAdvice =
        "the URL names the daemon's gRPC port, which speaks only HTTP/2: its git repository is on the HTTP port (--http-listen, by default the next one), which --server with the gRPC address finds";

    /// <summary>
    /// True when git's words say the remote is the daemon's gRPC port: git speaks HTTP/1.1, which
    /// that port refuses with a 400 that names neither the port nor the one meant.
    /// </summary>
    public static bool AtGrpcPort(string gitError) =>
        gitError.Contains("An HTTP/1.x request was sent to an HTTP/2 only endpoint", StringComparison.Ordinal);

    /// <summary>
    /// True when git's words say the daemon refused the token (401): git then asks for a user name,
    /// and cannot with prompts off, which is all it says.
    /// </summary>
    public static bool TokenNotAccepted(string gitError) =>
        gitError.Contains("could not read Username", StringComparison.Ordinal) || gitError.Contains("error: 401", StringComparison.Ordinal)
        || gitError.Contains("Authentication failed", StringComparison.Ordinal);

    // git's reason is its first "fatal:" line: later ones follow from it ("Could not read from
    // remote repository."), and so does the advice it may end with ("… and the repository exists.").
    private static string Reason(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.FirstOrDefault(l => l.StartsWith("fatal:", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? "git failed";
    }

    /// <summary>The token for an HTTP remote: --token, else DSL_TOKEN, else the one the remote's URL carries.</summary>
    public static string? Token(string? option, string remote) =>
        !string.IsNullOrEmpty(option) ? option
        : Environment.GetEnvironmentVariable(ClientConnection.TokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : Workspace.UrlToken(remote);
}
