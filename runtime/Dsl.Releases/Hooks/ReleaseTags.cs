using Dsl.Releases.Git;
using Dsl.Releases.Repository;
using Dsl.Releases.Validation;

namespace Dsl.Releases.Hooks;

/// <summary>Creates the <c>JOB/vN</c> tags of an accepted release.</summary>
public static class ReleaseTags
{
    /// <summary>Marks, in a tag's message, a release that stops and restarts the job (<c>-o restart</c>).</summary>
    public const string RestartMarker = "restart: true";

    /// <summary>
    /// Tags each changed job at <paramref name="commit"/> with the next free number. Serialized by
    /// a lock file, because the post-receive of one push may still run when the next push lands;
    /// a job already tagged at this commit is skipped, so a repeated run adds nothing.
    /// </summary>
    public static IReadOnlyList<string> Create(string gitDirectory, string commit, ReleaseCheck check, HookEnvironment environment)
    {
        using var guard = Acquire(Path.Combine(gitDirectory, "dsl-tags.lock"));
        var identity = new Dictionary<string, string?>
        {
            ["GIT_COMMITTER_NAME"] = environment.Pusher,
            ["GIT_COMMITTER_EMAIL"] = environment.Pusher + "@dsl",
        };
        var created = new List<string>();
        foreach (var job in check.Changed)
        {
            var existing = ReleaseHistory.Tags(gitDirectory, job);
            if (existing.Any(t => t.Commit == commit))
                continue;
            var tag = JobPaths.Tag(job, existing.Count == 0 ? 1 : existing.Max(t => t.Version) + 1);
            var message = $"Release of {job} by {environment.Pusher}" + (check.Restarted.Contains(job) ? "\n\n" + RestartMarker + "\n" : "\n");
            GitRunner.Check(gitDirectory, [.. Unsigned, "tag", "-a", "-m", message, tag, commit], environment: identity);
            created.Add(tag);
        }
        return created;
    }

    /// <summary>
    /// The hook runs git with the pusher's configuration (over a path), where tag.gpgSign or
    /// tag.forceSignAnnotated would have git sign with a key the hook cannot use: the tag would fail,
    /// leaving an accepted release untagged. The daemon's tags are never signed.
    /// </summary>
    private static readonly string[] Unsigned = ["-c", "tag.gpgSign=false", "-c", "tag.forceSignAnnotated=false"];

    private static FileStream Acquire(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }
}
