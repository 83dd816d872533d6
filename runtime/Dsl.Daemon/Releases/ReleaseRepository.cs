using Dsl.Releases.Git;
using Dsl.Releases.Repository;

namespace Dsl.Daemon.Releases;

/// <summary>
/// The bare repository <c>DATA/jobs.git</c>. The online version of every job is its file on the
/// branch <c>release</c>; the daemon reads commits with the git client and never writes to it.
/// </summary>
public sealed class ReleaseRepository
{
    /// <summary>The branch whose files are online.</summary>
    public const string Branch = "release";

    /// <summary>Uses the repository at <paramref name="path"/>, creating it (bare) when absent.</summary>
    public ReleaseRepository(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(System.IO.Path.Combine(Path, "HEAD")))
        {
            Directory.CreateDirectory(Path);
            GitRunner.Check(Path, ["init", "--quiet", "--bare", Path]);
            GitRunner.Check(Path, ["symbolic-ref", "HEAD", "refs/heads/" + Branch]);
        }
    }

    /// <summary>The repository's full path (what <c>git push PATH HEAD:release</c> names).</summary>
    public string Path { get; }

    /// <summary>The commit <c>release</c> points at, or null before the first release.</summary>
    public string? Head()
    {
        GitResult head = GitRunner.Run(Path, ["rev-parse", "--verify", "--quiet", "refs/heads/" + Branch + "^{commit}"]);
        return head.Success ? head.Output.Trim() : null;
    }

    /// <summary>
    /// The commit of release <paramref name="version"/> of a job: the tag <c>JOB/vN</c> the release
    /// hook creates for each release that changes the job. Null when there is no such tag.
    /// </summary>
    public string? TagCommit(string job, uint version)
    {
        GitResult tag = GitRunner.Run(Path, ["rev-parse", "--verify", "--quiet", $"refs/tags/{job}/v{version}^{{commit}}"]);
        return tag.Success ? tag.Output.Trim() : null;
    }

    /// <summary>Whether any of <paramref name="paths"/> differs between two commits (is added, changed or removed).</summary>
    public bool Differ(string from, string to, IEnumerable<string> paths) =>
        GitRunner.Run(Path, ["diff", "--quiet", from, to, "--", .. paths]).ExitCode != 0;

    /// <summary>Every file of a commit with its text (the job and model sources are small).</summary>
    public ReleaseSnapshot Read(string commit)
    {
        string shortHash = GitRunner.Check(Path, ["rev-parse", "--short", commit]).Trim();
        string list = GitRunner.Check(Path, ["ls-tree", "-r", "-z", "--name-only", commit]);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in list.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (file.EndsWith(".stream", StringComparison.Ordinal))
            {
                files[file] = GitRunner.Check(Path, ["cat-file", "blob", commit + ":" + file]);
            }
        }

        return new ReleaseSnapshot(commit, shortHash, files);
    }

    /// <summary>
    /// The latest release tag <c>JOB/vN</c> of each job among those of <paramref name="commit"/> and
    /// the commits before it, by job: the release that made each job's file (and imports) what they
    /// are at that commit. A tag is made only on a commit that changes its job, so a later release of
    /// other jobs (several releases while the daemon was down, say) carries none for it.
    /// </summary>
    public Dictionary<string, uint> LatestTags(string commit) =>
        ReleaseHistory.Latest(Path, mergedInto: commit).ToDictionary(tag => tag.Key, tag => (uint)tag.Value.Version, StringComparer.Ordinal);
}
