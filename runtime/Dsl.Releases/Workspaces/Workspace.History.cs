using Dsl.Releases.Git;
using Dsl.Releases.Repository;
using Dsl.Releases.Versions;

namespace Dsl.Releases.Workspaces;

public sealed partial class Workspace
{
    /// <summary>The version <c>dsl diff</c> reads from the daemon's release branch, as last fetched.</summary>
    public const string Online = "online";

    /// <summary>
    /// <c>dsl log</c>: commits touching the job, newest first, each with the release tags of the
    /// version of the file it made. A job that is neither in the history nor in the working folder
    /// is refused, so that a misspelt name is not mistaken for a job without versions.
    /// </summary>
    public IReadOnlyList<JobLogEntry> Log(string job)
    {
        var log = History(job);
        if (log.Count == 0 && !File.Exists(JobFile(job)))
            throw new WorkspaceException($"there is no job {job}: {JobPaths.JobPath(job)} does not exist and no commit or release has it.");
        return log;
    }

    private IReadOnlyList<JobLogEntry> History(string job)
    {
        JobPaths.Validate(job);
        var path = JobPaths.JobPath(job);
        var tagged = GitRunner.Check(Root, ["for-each-ref", "--format=%(refname:strip=2)%00%(*objectname)%00%(objectname)", $"refs/tags/{job}/"])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\0'))
            .Where(f => f.Length == 3)
            .Select(f => (Tag: f[0], Commit: f[1].Length > 0 ? f[1] : f[2]))
            .ToList();

        var revisions = new List<string> { "HEAD" };
        if (GitRunner.Run(Root, ["rev-parse", "--verify", "--quiet", FetchedReleaseRef]).Success)
            revisions.Add(FetchedReleaseRef);
        revisions.AddRange(tagged.Select(t => t.Commit).Distinct(StringComparer.Ordinal));
        var head = GitRunner.Run(Root, ["rev-parse", "--verify", "--quiet", "HEAD"]);
        if (!head.Success)
            revisions.Remove("HEAD");
        if (revisions.Count == 0)
            return [];

        // A tag sits on the commit released, which need not touch the job's file: the merge of a
        // release retried after a rejected push, or a commit that changed only a model the job
        // imports. The log leaves such commits out, so each tag goes beside the commit that last
        // changed the file as of the tagged commit: the version of the job it released.
        var tags = tagged
            .Select(t => (t.Tag, Commit: LastChange(t.Commit, path) ?? t.Commit))
            .GroupBy(t => t.Commit, t => t.Tag, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.OrderBy(t => t.Length).ThenBy(t => t, StringComparer.Ordinal)], StringComparer.Ordinal);

        // --date-order: git walks several starting points by commit date, which it keeps to the
        // second, so of two commits made in one second the parent could come first when it is the
        // first revision named (the HEAD of a clone made before the newer release). Newest first
        // means no commit before its descendants; the date orders only unrelated commits.
        var log = GitRunner.Check(Root, ["log", "--date-order", "--date=short", "--format=%H%x00%ad%x00%an%x00%s", .. revisions, "--", path]);
        return [.. log.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\0'))
            .Where(f => f.Length == 4)
            .Select(f => new JobLogEntry(f[0], f[1], f[2], f[3], tags.GetValueOrDefault(f[0]) ?? []))];
    }

    /// <summary>The commit that last changed <paramref name="path"/> in the history of <paramref name="commit"/> (itself, when it did), or null.</summary>
    private string? LastChange(string commit, string path) =>
        GitRunner.Check(Root, ["log", "-1", "--format=%H", commit, "--", path]).Trim() is { Length: > 0 } found ? found : null;

    /// <summary>
    /// <c>dsl diff JOB [A] [B]</c>: a version is a release (<c>vN</c>), <c>online</c>, or any git
    /// revision; without B the working file is the newer side, without A also HEAD the older.
    /// A side without the job's file (a job not saved or released yet, or deleted) is
    /// <c>/dev/null</c>, as git shows a new or deleted file: the job is all added or all removed.
    /// </summary>
    public string Diff(string job, string? from, string? to)
    {
        JobPaths.Validate(job);
        var path = JobPaths.JobPath(job);
        // A version's jobs and models, read once: the job's text and the models it imports come
        // from it. A version that does not exist is refused in the user's words.
        TreeSnapshot Tree(string version) =>
            Exists(Revision(job, version))
                ? TreeSnapshot.Read(Root, Revision(job, version), Root)
                : throw new WorkspaceException(Unknown(job, version, Exists("HEAD")));

        var oldLabel = from ?? "HEAD";
        var oldTree = Tree(oldLabel);
        var oldText = oldTree.Text(path);
        TreeSnapshot newTree;
        string? newText;
        string newLabel;
        if (to is null)
        {
            // The file as it is, also when git ignores it; its imports as the next commit would hold them.
            var file = JobFile(job);
            newText = File.Exists(file) ? File.ReadAllText(file) : null;
            newLabel = path;
            newTree = TreeSnapshot.ReadWorkspace(Root);
        }
        else
        {
            newTree = Tree(to);
            newText = newTree.Text(path);
            newLabel = $"{path} ({to})";
        }
        if (oldText is null && newText is null)
        {
            throw new WorkspaceException(to is null
                ? $"there is no job {job}: {path} is neither in the workspace nor at {oldLabel}."
                : $"there is no job {job}: {path} is neither at {oldLabel} nor at {to}.");
        }
        var diff = ReleaseHistory.Diff(
            oldText ?? "", newText ?? "", oldText is null ? NoFile : $"{path} ({oldLabel})", newText is null ? NoFile : newLabel);

        // A release is of the job and the models it imports, so a version that changed only a
        // model differs too: each imported file that differs follows, as git shows several files.
        var (oldImports, newImports) = (Imports(oldTree, job), Imports(newTree, job));
        foreach (var import in oldImports.Keys.Union(newImports.Keys).Order(StringComparer.Ordinal))
        {
            var (before, after) = (oldImports.GetValueOrDefault(import), newImports.GetValueOrDefault(import));
            diff += ReleaseHistory.Diff(
                before ?? "", after ?? "", before is null ? NoFile : $"{import} ({oldLabel})", after is null ? NoFile : to is null ? import : $"{import} ({to})");
        }
        return diff;
    }

    /// <summary>The files the job imports in <paramref name="tree"/> (directly or through another import), by repository path; none when the tree lacks the job.</summary>
    private static Dictionary<string, string> Imports(TreeSnapshot tree, string job)
    {
        var imports = new Dictionary<string, string>(StringComparer.Ordinal);
        if (tree.Text(JobPaths.JobPath(job)) is null)
            return imports;
        foreach (var source in tree.Compile(job).ImportedTrees.Select(t => t.Source))
        {
            if (tree.RepositoryPath(source.Path) is { } path)
                imports[path] = source.Text;
        }
        return imports;
    }

    /// <summary>The side of a diff that has no file, as git and diff name it.</summary>
    private const string NoFile = "/dev/null";

    /// <summary>
    /// Why a version names nothing in the workspace. A revision git does not know (a typo, a
    /// <c>HEAD~5</c> beyond the history) is not said to lack the job's file, which it cannot tell.
    /// Nor is HEAD before the first commit, the version a bare <c>dsl diff JOB</c> compares with.
    /// </summary>
    private static string Unknown(string job, string version, bool hasCommits) =>
        ReleaseNumber.IsRelease(version) ? $"{job} has no release {version}."
        : version == Online ? "online: the daemon's release branch has never been fetched into this workspace."
        : version == "HEAD" && !hasCommits ? "the workspace has no commit yet, so no HEAD to compare with: name a release (vN) or online, or save first with 'dsl save -m MESSAGE'."
        : $"there is no version {version}: name a release (vN), online, or a git revision (a commit, a branch, HEAD~1).";

    /// <summary>
    /// True when <paramref name="version"/> names what the workspace has not fetched from the daemon:
    /// a release (<c>vN</c>) whose tag it lacks, or <c>online</c> before any fetch.
    /// </summary>
    public bool LacksRelease(string job, string? version) =>
        version == Online ? !Exists(FetchedReleaseRef)
        : version is not null && ReleaseNumber.IsRelease(version) && JobPaths.IsValidName(job) && !Exists(Revision(job, version));

    private bool Exists(string revision) => GitRunner.Run(Root, ["rev-parse", "--verify", "--quiet", revision]).Success;

    private static string Revision(string job, string version)
    {
        if (version == Online)
            return FetchedReleaseRef;
        if (ReleaseNumber.IsRelease(version))
        {
            return ReleaseNumber.TryParse(version, out var number)
                ? $"refs/tags/{JobPaths.Tag(job, number)}"
                : throw new ArgumentException(ReleaseNumber.Problem(version), nameof(version));
        }
        return version;
    }
}
