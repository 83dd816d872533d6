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
            GitClient.Check(["init", "--quiet", "--bare", Path]);
            GitClient.Check(["-C", Path, "symbolic-ref", "HEAD", "refs/heads/" + Branch]);
        }
    }

    /// <summary>The repository's full path (what <c>git push PATH HEAD:release</c> names).</summary>
    public string Path { get; }

    /// <summary>The commit <c>release</c> points at, or null before the first release.</summary>
    public string? Head()
    {
        var (code, stdout, _) = GitClient.Run(["-C", Path, "rev-parse", "--verify", "--quiet", "refs/heads/" + Branch + "^{commit}"]);
        return code == 0 ? stdout.Trim() : null;
    }

    /// <summary>
    /// The commit of release <paramref name="version"/> of a job: the tag <c>JOB/vN</c> the release
    /// hook creates for each release that changes the job. Null when there is no such tag.
    /// </summary>
    public string? TagCommit(string job, uint version)
    {
        var (code, stdout, _) = GitClient.Run(["-C", Path, "rev-parse", "--verify", "--quiet", $"refs/tags/{job}/v{version}^{{commit}}"]);
        return code == 0 ? stdout.Trim() : null;
    }

    /// <summary>Whether any of <paramref name="paths"/> differs between two commits (is added, changed or removed).</summary>
    public bool Differ(string from, string to, IEnumerable<string> paths) =>
        GitClient.Run(["-C", Path, "diff", "--quiet", from, to, "--", .. paths]).ExitCode != 0;

    /// <summary>Every file of a commit with its text (the job and model sources are small).</summary>
    public ReleaseSnapshot Read(string commit)
    {
        string shortHash = GitClient.Check(["-C", Path, "rev-parse", "--short", commit]).Trim();
        string list = GitClient.Check(["-C", Path, "ls-tree", "-r", "-z", "--name-only", commit]);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in list.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (file.EndsWith(".stream", StringComparison.Ordinal))
            {
                files[file] = GitClient.Check(["-C", Path, "cat-file", "blob", commit + ":" + file]);
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
    public Dictionary<string, uint> LatestTags(string commit)
    {
        var tags = new Dictionary<string, uint>(StringComparer.Ordinal);
        string refs = GitClient.Check(["-C", Path, "for-each-ref", "--merged=" + commit, "--format=%(refname:strip=2)", "refs/tags/"]);
        foreach (string name in refs.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int slash = name.LastIndexOf("/v", StringComparison.Ordinal);
            if (slash > 0
                && uint.TryParse(name.AsSpan(slash + 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint version))
            {
                string job = name[..slash];
                tags[job] = Math.Max(version, tags.GetValueOrDefault(job));
            }
        }

        return tags;
    }
}
