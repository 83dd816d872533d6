using System.CommandLine;
using Dsl.Cli.Reporting;
using Dsl.Control.Security;
using Dsl.Releases.Git;
using Dsl.Releases.Workspaces;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl release</c>: <c>git push REMOTE HEAD:release</c>.</summary>
public static class ReleaseCommand
{
    public static Option<string?> RemoteOption() =>
        new("--remote") { Description = $"The daemon's repository (path or http://HOST:PORT/git/jobs.git); default {Workspace.RemoteVariable}, the git remote '{Workspace.RemoteName}', or the one git remote that is a daemon's repository." };

    public static Option<string?> TokenOption() =>
        new Option<string?>("--token") { Description = "The daemon token for an HTTP remote (default DSL_TOKEN)." }.NotEmpty("a token");

    public static Option<string?> ServerOption() =>
        new Option<string?>("--server") { Description = "The daemon's address (default DSL_SERVER or http://127.0.0.1:7400); its git repository is at /git/jobs.git on the next port, or on the same port for https://." }.NotEmpty("the daemon");

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
            var target = workspace.Remote(result.GetValue(remote), result.GetValue(server));
            var secret = WorkspaceCommand.Token(result.GetValue(token), target);
            var http = target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            // git would only say it cannot set its CA bundle, after asking for nothing.
            if (target.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && ClientConnection.CaFileProblem(result.GetValue(ca)) is { } caProblem)
            {
                Console.Error.WriteLine($"dsl release: {caProblem}");
                return ExitCodes.Usage;
            }

            if (http && string.IsNullOrEmpty(secret))
            {
                Console.Error.WriteLine($"dsl release: no token for {Workspace.Shown(target)}: pass --token or set DSL_TOKEN (releasing takes an admin token).");
                return ExitCodes.UserError;
            }

            var unsaved = workspace.ChangedPaths();
            // git's words come once the push has ended, which waits for the daemon to check and deploy the release.
            GitResult pushed;
            using (ProgressLine.Waiting("release", $"pushing to {Workspace.Shown(target)}"))
                pushed = workspace.Release(target, secret, result.GetValue(restart), ClientConnection.CaFile(result.GetValue(ca)));
            // A release pushes what was saved: an edit not saved yet would silently stay behind
            // ("Everything up-to-date" when nothing else changed).
            if (unsaved.Count > 0)
                Console.Error.WriteLine($"dsl release: warning: not saved, so not released: {string.Join(", ", unsaved)} (save them with 'dsl save -m MESSAGE' and release again).");
            Console.Out.Write(pushed.Output);
            Console.Error.Write(pushed.Error);
            if (!pushed.Success && ((http ? RefusedToken(pushed.Error) ?? UntrustedCertificate(pushed.Error) ?? AtGrpcPort(pushed.Error) : null) ?? Behind(pushed.Error)) is { } reason)
                Console.Error.WriteLine($"dsl release: {reason}");
            return pushed.Success ? ExitCodes.Success : ExitCodes.UserError;
        }));
        return command;
    }

    /// <summary>What git's words mean when the daemon refused the token: a 401, or a 403 that git reports as a bare status.</summary>
    private static string? RefusedToken(string error) =>
        WorkspaceCommand.TokenNotAccepted(error)
            ? "the daemon did not accept the token (401): check --token or DSL_TOKEN."
            : error.Contains("error: 403", StringComparison.Ordinal)
                ? "the token may not release (403): releasing takes an admin token."
                : null;

    /// <summary>
    /// git's words for a release branch that holds commits the workspace lacks. Its own hint, `git pull`,
    /// has no token over HTTP and no remote in a workspace released with --server: the way that works is
    /// the fetch the reading commands make (releases.md, Racing pushes).
    /// </summary>
    private static string? Behind(string error) =>
        error.Contains("(fetch first)", StringComparison.Ordinal) || error.Contains("(non-fast-forward)", StringComparison.Ordinal) || error.Contains("(failed to update ref)", StringComparison.Ordinal)
            ? "the daemon holds releases this workspace has not merged. Fetch them with 'dsl log JOB' (any job; it fetches the release branch into refs/dsl/release), merge them with 'git merge refs/dsl/release' (add --allow-unrelated-histories in a workspace of its own), then release again."
            : null;

    private static string? AtGrpcPort(string error) =>
        WorkspaceCommand.AtGrpcPort(error) ? WorkspaceCommand.GrpcPortAdvice + "." : null;

    /// <summary>git's words for a daemon certificate that the CA bundle does not vouch for (built with GnuTLS, or with OpenSSL).</summary>
    private static string? UntrustedCertificate(string error) =>
        error.Contains("server certificate verification failed", StringComparison.Ordinal) || error.Contains("SSL certificate problem", StringComparison.Ordinal)
            ? "the daemon's certificate is not trusted: pass --ca FILE (or set DSL_CA) with the PEM certificate of the CA that issued it, or the certificate itself if it is self-signed."
            : null;
}
