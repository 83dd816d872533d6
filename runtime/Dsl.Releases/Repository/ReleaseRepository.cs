using Dsl.Releases.Git;

namespace Dsl.Releases.Repository;

/// <summary>
/// The daemon's bare repository <c>DATA/jobs.git</c>: created on first use with the settings and
/// hooks that make every push to <c>release</c> a validated release.
/// </summary>
public static class ReleaseRepository
{
    /// <summary>The hooks git runs on a push; both call <c>dsl release-hook</c>.</summary>
    public static readonly IReadOnlyList<string> Hooks = ["pre-receive", "post-receive"];

    /// <summary>
    /// Creates the bare repository when it does not exist and (re)installs its settings and hooks,
    /// so a moved or upgraded <c>dsl</c> is the one the hooks run.
    /// </summary>
    public static void EnsureCreated(string path, HookCommand hook)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(full);
        if (!File.Exists(Path.Combine(full, "HEAD")))
            GitRunner.Check(full, ["init", "--bare", "--quiet", "--initial-branch=" + JobPaths.ReleaseBranch, "."]);

        // A release replaces the online version wholesale; history is never rewritten.
        GitRunner.Check(full, ["config", "receive.denyNonFastForwards", "true"]);
        GitRunner.Check(full, ["config", "receive.denyDeletes", "true"]);
        // `git push -o restart` asks for a stop-and-restart of jobs whose state changed.
        GitRunner.Check(full, ["config", "receive.advertisePushOptions", "true"]);
        // Served over smart HTTP by `git http-backend` (authorization is the daemon's, by token).
        GitRunner.Check(full, ["config", "http.receivepack", "true"]);
        // These hooks, whatever hooks folder the pusher's own configuration names (a hook manager
        // sets core.hooksPath globally): a push over a path runs git with the pusher's configuration,
        // and would otherwise be accepted unchecked and untagged. Relative: git runs the hooks of a
        // bare repository in it, so a moved repository keeps them.
        GitRunner.Check(full, ["config", "core.hooksPath", "hooks"]);

        var hooks = Path.Combine(full, "hooks");
        Directory.CreateDirectory(hooks);
        foreach (var name in Hooks)
        {
            var file = Path.Combine(hooks, name);
            File.WriteAllText(file, hook.Script(name));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>
    /// True when <paramref name="path"/> is a repository whose <c>pre-receive</c> hook is the one
    /// <see cref="EnsureCreated"/> installs: a daemon's repository, or one made by <c>dsl release-hook install</c>.
    /// </summary>
    public static bool HasReleaseHooks(string path)
    {
        try
        {
            var hook = Path.Combine(path, "hooks", Hooks[0]);
            return File.Exists(hook) && File.ReadAllText(hook).Contains(HookCommand.Marker, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // A remote that cannot be read as a path is no daemon's repository to us.
            return false;
        }
    }

    /// <summary>The commit <c>release</c> points at, or null before the first release.</summary>
    public static string? ReleaseCommit(string gitDirectory)
    {
        var result = GitRunner.Run(gitDirectory, ["rev-parse", "--verify", "--quiet", JobPaths.ReleaseRef + "^{commit}"]);
        return result.Success ? result.Output.Trim() : null;
    }

    /// <summary>Whether <paramref name="commit"/> is in the history of <paramref name="descendant"/> (a commit or a ref), itself included.</summary>
    public static bool IsInHistoryOf(string gitDirectory, string commit, string descendant) =>
        GitRunner.Run(gitDirectory, ["merge-base", "--is-ancestor", commit, descendant]).Success;
}
