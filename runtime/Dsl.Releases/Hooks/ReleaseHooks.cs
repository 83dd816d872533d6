using Dsl.Releases.Repository;
using Dsl.Releases.Validation;

namespace Dsl.Releases.Hooks;

/// <summary>
/// The hooks of <c>DATA/jobs.git</c>. pre-receive validates a push to <c>release</c> before git
/// updates any ref, so a refused push changes nothing; post-receive runs only for refs git did
/// update and tags each changed job <c>JOB/vN</c> there, so tags exist only for accepted releases.
/// What a hook writes reaches the pusher's terminal as <c>remote: …</c>.
/// </summary>
public static class ReleaseHooks
{
    public const string PreReceive = "pre-receive";
    public const string PostReceive = "post-receive";

    /// <summary>Runs a hook in the bare repository <paramref name="gitDirectory"/>; returns its exit code.</summary>
    public static int Run(string hook, string gitDirectory, HookEnvironment environment, TextReader input, TextWriter output, TextWriter error)
    {
        var updates = RefUpdate.ReadAll(input);
        return hook switch
        {
            PreReceive => Validate(gitDirectory, environment, updates, output, error),
            PostReceive => Tag(gitDirectory, environment, updates, output),
            _ => throw new ArgumentException($"Unknown hook '{hook}'.", nameof(hook)),
        };
    }

    private static int Validate(string gitDirectory, HookEnvironment environment, IReadOnlyList<RefUpdate> updates, TextWriter output, TextWriter error)
    {
        var refused = false;
        foreach (var update in updates)
        {
            if (update.RefName != JobPaths.ReleaseRef)
            {
                error.WriteLine($"error: only the '{JobPaths.ReleaseBranch}' branch can be pushed here (not {update.RefName}); release tags are made by the daemon.");
                refused = true;
                continue;
            }
            if (update.NewCommit is not { } newCommit)
            {
                error.WriteLine($"error: the '{JobPaths.ReleaseBranch}' branch cannot be deleted.");
                refused = true;
                continue;
            }

            // Said first: git refuses a rewind after the hook anyway, and the verdicts on the jobs
            // of a push that changes nothing (what to restart, what to stop) would only mislead.
            if (update.OldCommit is { } oldCommit && !ReleaseRepository.IsInHistoryOf(gitDirectory, oldCommit, newCommit))
            {
                error.WriteLine($"error: the push would rewind the '{JobPaths.ReleaseBranch}' branch: its commit {oldCommit[..Math.Min(7, oldCommit.Length)]} is not in the history pushed. "
                    + "A release only moves forward: to bring an older version back, commit its files on top of the release (`git checkout OLD -- jobs/ models/`, `dsl save`) and push that.");
                refused = true;
                continue;
            }

            var check = ReleaseValidator.Check(new ReleaseRequest(gitDirectory, update.OldCommit, newCommit, environment.Pusher, environment.Restart));
            if (!check.Accepted)
            {
                foreach (var message in check.Errors)
                    error.WriteLine(message);
                error.WriteLine("dsl: release refused; nothing was changed.");
                refused = true;
                continue;
            }

            foreach (var warning in check.Warnings)
                output.WriteLine(warning);
            output.WriteLine(check.Changed.Count == 0
                ? "dsl: release checked: no job changed."
                : $"dsl: release checked: {string.Join(", ", check.Changed)}.");
            if (check.Restarted.Count > 0)
                // The hook does not know whether the daemon runs, nor each job's status: say what
                // the daemon does for each status when it deploys the release.
                output.WriteLine($"dsl: {string.Join(", ", check.Restarted)} cannot keep {(check.Restarted.Count == 1 ? "its" : "their")} state: "
                    + "a running job restarts with empty state, a paused one is stopped with its state cleared.");
            if (check.Removed.Count > 0)
                output.WriteLine($"dsl: {string.Join(", ", check.Removed)} removed from the release: will be stopped, with state cleared.");
        }
        return refused ? 1 : 0;
    }

    private static int Tag(string gitDirectory, HookEnvironment environment, IReadOnlyList<RefUpdate> updates, TextWriter output)
    {
        foreach (var update in updates.Where(u => u.RefName == JobPaths.ReleaseRef))
        {
            if (update.NewCommit is not { } newCommit)
                continue;
            var check = ReleaseValidator.Check(new ReleaseRequest(gitDirectory, update.OldCommit, newCommit, environment.Pusher, Restart: true));
            foreach (var tag in ReleaseTags.Create(gitDirectory, update.OldCommit, newCommit, check, environment))
                output.WriteLine($"dsl: released {tag}");
            ReportDeployment(gitDirectory, newCommit, output);
        }
        return 0;
    }

    /// <summary>How long a push waits for the daemon to deploy it: a new job compiles in a second or two.</summary>
    private static readonly TimeSpan DeployPatience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The push returns once the daemon serving the repository has deployed the release, so that a
    /// command after it (<c>dsl release &amp;&amp; dsl jobs start JOB</c>) finds the new version.
    /// </summary>
    private static void ReportDeployment(string gitDirectory, string commit, TextWriter output)
    {
        var data = Path.GetDirectoryName(Path.GetFullPath(gitDirectory).TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
        output.WriteLine(ServingDaemon.AwaitDeployed(data, gitDirectory, commit, DeployPatience) switch
        {
            true => "dsl: deployed.",
            false => $"dsl: not deployed yet after {DeployPatience.TotalSeconds:0} s (the daemon is busy); `dsl jobs status JOB` shows the version once it is.",
            null => "dsl: no daemon serves this repository now; the next one to start deploys the release.",
        });
    }
}
