using Dsl.Compiler;
using Dsl.Compiler.Binding;
using Dsl.Releases.Git;
using Dsl.Releases.Repository;
using Dsl.Releases.Validation;

namespace Dsl.Releases.Workspaces;

/// <summary>
/// A workspace: a git repository holding <c>jobs/*.stream</c> and <c>models/*.stream</c>. The
/// commands a developer runs on it (docs/releases.md) are its methods.
/// </summary>
public sealed partial class Workspace
{
    /// <summary>The git remote name <c>dsl init --remote</c> sets for the daemon.</summary>
    public const string RemoteName = "daemon";

    /// <summary>Overrides the remote of <c>dsl release</c>, <c>revert</c> and <c>lock</c>.</summary>
    public const string RemoteVariable = "DSL_RELEASE_REMOTE";

    /// <summary>Where the online versions are fetched to in the workspace.</summary>
    public const string FetchedReleaseRef = "refs/dsl/release";

    private Workspace(string root) => Root = root;

    public string Root { get; }

    /// <summary>Creates (or completes) a workspace at <paramref name="path"/>.</summary>
    public static Workspace Init(string path, string? remote)
    {
        var root = Path.GetFullPath(path);
        if (InsideGitDirectory(root))
            throw new WorkspaceException($"{root} is inside a git repository's own folder (a bare repository such as the daemon's jobs.git, or a .git folder), where git keeps its objects; a workspace there would stand in for that repository. Create the workspace in a folder of its own.");
        if (EnclosingWorkspace(root) is { } enclosing)
            throw new WorkspaceException($"{root} is inside the workspace {enclosing}, where the workspace commands already work; a workspace inside it would be a repository of its own among its files. Create the new workspace outside it.");
        // Checked before anything is made, so that a refused init leaves no repository half made.
        for (var folder = root; !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
                throw new WorkspaceException($"cannot create the workspace {root}: {folder} is a file, not a folder.");
        }
        foreach (var folder in new[] { JobPaths.JobsFolder, JobPaths.ModelsFolder })
        {
            if (File.Exists(Path.Combine(root, folder)))
                throw new WorkspaceException($"{Path.Combine(root, folder)} is a file, where the workspace's {folder}/ folder belongs; move it away, then run dsl init again.");
        }
        Directory.CreateDirectory(root);
        if (!GitRunner.Run(root, ["rev-parse", "--git-dir"]).Success || !Directory.Exists(Path.Combine(root, ".git")))
            GitRunner.Check(root, ["init", "--quiet", "--initial-branch=main"]);
        foreach (var folder in new[] { JobPaths.JobsFolder, JobPaths.ModelsFolder })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
            // git keeps no empty folders; this keeps the layout in every clone.
            var keep = Path.Combine(root, folder, ".gitkeep");
            if (!File.Exists(keep))
                File.WriteAllText(keep, "");
        }
        var workspace = new Workspace(root);
        if (remote is not null)
        {
            var url = NormalizeRemote(remote);
            var existing = GitRunner.Run(root, ["remote", "get-url", RemoteName]);
            GitRunner.Check(root, existing.Success ? ["remote", "set-url", RemoteName, url] : ["remote", "add", RemoteName, url]);
        }
        return workspace;
    }

    /// <summary>Whether <paramref name="folder"/> (which need not exist yet) is in a bare repository or a .git folder.</summary>
    private static bool InsideGitDirectory(string folder)
    {
        var inside = GitRunner.Run(NearestExisting(folder), ["rev-parse", "--is-inside-git-dir"]);
        return inside.Success && inside.Output.Trim() == "true";
    }

    private static string NearestExisting(string folder)
    {
        var existing = folder;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
            existing = parent;
        return existing;
    }

    /// <summary>
    /// The root of the workspace that <paramref name="folder"/> (which need not exist yet) lies
    /// below, not at; null when there is none. A workspace inside a git repository that is no
    /// workspace is fine.
    /// </summary>
    private static string? EnclosingWorkspace(string folder)
    {
        var existing = NearestExisting(folder);
        var prefix = GitRunner.Run(existing, ["rev-parse", "--show-prefix"]);
        if (!prefix.Success || (prefix.Output.Trim().Length == 0 && existing == folder))
            return null;
        var top = Path.GetFullPath(GitRunner.Check(existing, ["rev-parse", "--show-toplevel"]).Trim());
        return IsWorkspaceRoot(top) ? top : null;
    }

    private static bool IsWorkspaceRoot(string root) =>
        Directory.Exists(Path.Combine(root, JobPaths.JobsFolder)) || Directory.Exists(Path.Combine(root, JobPaths.ModelsFolder));

    /// <summary>
    /// The workspace holding <paramref name="directory"/>. A git repository with neither
    /// <c>jobs/</c> nor <c>models/</c> is none (the repository around a workspace, say): a command
    /// there would create <c>jobs/</c> in it, or find nothing to save and no job to log.
    /// </summary>
    public static Workspace Find(string directory)
    {
        var result = GitRunner.Run(directory, ["rev-parse", "--show-toplevel"]);
        if (!result.Success)
            throw new WorkspaceException($"{directory} is not in a workspace; create one with 'dsl init'.");
        var root = Path.GetFullPath(result.Output.Trim());
        if (!IsWorkspaceRoot(root))
            throw new WorkspaceException($"{directory} is not in a workspace: the git repository {root} has no {JobPaths.JobsFolder}/ or {JobPaths.ModelsFolder}/ folder. Run the command in a workspace, or make this repository one with 'dsl init'.");
        return new Workspace(root);
    }

    /// <summary>The full path of a job's file.</summary>
    public string JobFile(string job) => Path.Combine(Root, JobPaths.JobsFolder, job + JobPaths.Extension);

    /// <summary><c>dsl new</c>: writes a job from a template; refuses to replace an existing job.</summary>
    public string New(string job, string template)
    {
        var text = JobTemplates.Render(template, job);
        var file = JobFile(job);
        if (File.Exists(file))
            throw new WorkspaceException($"{Relative(file)} exists already.");
        WriteSource(file, text);
        return file;
    }

    /// <summary>
    /// <c>dsl save</c>: checks every changed job (and every job when a model changed) and every
    /// changed model library as the release check does, on the files the commit will hold, and
    /// commits jobs and models only when none has an error.
    /// </summary>
    public SaveResult Save(string message)
    {
        var changed = ChangedPaths();
        // A merge (of the daemon's releases, say, after a conflict) is committed whole: git refuses
        // a commit of some paths during one, and the merge commit is what joins the histories.
        var merging = Exists("MERGE_HEAD");
        if (changed.Count == 0 && !merging)
            return new SaveResult([], [], [], false, null);

        var tree = TreeSnapshot.ReadWorkspace(Root);
        var removed = changed.Select(JobPaths.JobOf).OfType<string>().Where(j => !File.Exists(JobFile(j))).Distinct().Order(StringComparer.Ordinal).ToList();
        var jobs = changed.Any(p => p.StartsWith(JobPaths.ModelsFolder + "/", StringComparison.Ordinal))
            ? [.. tree.Jobs]
            : changed.Select(JobPaths.JobOf).OfType<string>().Intersect(tree.Jobs, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var libraries = changed.Intersect(tree.Libraries, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var compiled = jobs.ToDictionary(job => job, tree.Compile, StringComparer.Ordinal);
        var found = jobs.SelectMany(job => SourceCheck.Job(tree, job, compiled[job]))
            .Concat(libraries.SelectMany(path => SourceCheck.Library(tree, path)))
            .DistinctBy(m => m.Text, StringComparer.Ordinal)
            .ToList();
        var diagnostics = found.Select(m => m.Text).ToList();
        if (found.Any(m => m.IsError))
            return new SaveResult(jobs, removed, diagnostics, true, null);
        var cycles = Cycles(tree, compiled);
        if (cycles.Count > 0)
            return new SaveResult(jobs, removed, [.. diagnostics, .. cycles], true, null);

        GitRunner.Check(Root, ["add", "--all", "--", JobPaths.JobsFolder, JobPaths.ModelsFolder]);
        var commit = GitRunner.Run(Root, merging
            ? ["commit", "--quiet", "-m", message]
            : ["commit", "--quiet", "-m", message, "--", JobPaths.JobsFolder, JobPaths.ModelsFolder]);
        if (!commit.Success)
            throw new WorkspaceException("git commit failed: " + commit.Combined);
        return new SaveResult(jobs, removed, diagnostics, false, GitRunner.Check(Root, ["rev-parse", "HEAD"]).Trim());
    }

    /// <summary>
    /// The jobs of the workspace that would form a cycle, as the release check words it: a release
    /// of them is refused, so saving them is too. Every job takes part (one that did not change can
    /// close the cycle); those already compiled are not compiled again.
    /// </summary>
    private static List<string> Cycles(TreeSnapshot tree, Dictionary<string, Compilation> compiled)
    {
        var bound = new Dictionary<string, BoundJob>(StringComparer.Ordinal);
        foreach (var job in tree.Jobs)
        {
            var compilation = compiled.TryGetValue(job, out var known) ? known : tree.Compile(job);
            if (!compilation.HasErrors && compilation.Job is { } boundJob)
                bound[job] = boundJob;
        }
        return [.. JobCycles.Find(bound).Select(cycle => JobCycles.Describe(cycle, "the workspace"))];
    }

    /// <summary>A path relative to the root, with '/'.</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Job and model files that differ from HEAD (new, changed, deleted), as repository paths.</summary>
    public IReadOnlyList<string> ChangedPaths()
    {
        var status = GitRunner.Check(Root, ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", JobPaths.JobsFolder, JobPaths.ModelsFolder]);
        var paths = new List<string>();
        var entries = status.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.Length < 4)
                continue;
            paths.Add(entry[3..]);
            // A rename (staged with git mv) is followed by its old path, which the commit deletes.
            if ((entry[0] == 'R' || entry[1] == 'R') && i + 1 < entries.Length)
                paths.Add(entries[++i]);
        }
        return paths;
    }

    /// <summary>A remote as git takes it: URLs as written, paths made absolute.</summary>
    public static string NormalizeRemote(string remote) =>
        remote.Contains("://", StringComparison.Ordinal) ? remote : Path.GetFullPath(remote);
}
