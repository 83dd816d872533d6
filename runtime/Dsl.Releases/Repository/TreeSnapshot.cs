using Dsl.Compiler;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Text;
using Dsl.Releases.Git;

namespace Dsl.Releases.Repository;

/// <summary>
/// The <c>.stream</c> files of one commit, read from git into memory, with an import resolver
/// over them: a release is checked exactly as committed, never against files on disk. A
/// workspace's files are read the same way before <c>dsl save</c> commits them, so that an import
/// resolves (or does not) in the workspace exactly as it will in the release.
/// </summary>
public sealed class TreeSnapshot : ISourceResolver
{
    private readonly Dictionary<string, string> _files;

    private TreeSnapshot(string root, Dictionary<string, string> files)
    {
        Root = root;
        _files = files;
    }

    /// <summary>
    /// The folder the repository paths are placed under when compiling. Nothing is read from it;
    /// it only makes import paths absolute as the compiler expects.
    /// </summary>
    public string Root { get; }

    /// <summary>Repository paths (<c>jobs/a.stream</c>) and their text.</summary>
    public IReadOnlyDictionary<string, string> Files => _files;

    /// <summary>The jobs of the snapshot by name.</summary>
    public IEnumerable<string> Jobs => _files.Keys.Select(JobPaths.JobOf).OfType<string>().Order(StringComparer.Ordinal);

    /// <summary>The paths of every other file: model libraries, which jobs import.</summary>
    public IEnumerable<string> Libraries => _files.Keys.Where(path => JobPaths.JobOf(path) is null).Order(StringComparer.Ordinal);

    /// <summary>An empty snapshot (no release yet).</summary>
    public static TreeSnapshot Empty(string root) => new(root, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Reads the jobs and models of <paramref name="commit"/> in the repository at <paramref name="gitDirectory"/>.</summary>
    public static TreeSnapshot Read(string gitDirectory, string commit, string root)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        // git's own "MODE TYPE OBJECT<TAB>PATH" lines: with -z their paths are never quoted, while a
        // --format's %(path) is quoted by some versions (models/\303\251.stream for models/é.stream).
        var listing = GitRunner.Check(gitDirectory, ["ls-tree", "-r", "-z", commit, "--", JobPaths.JobsFolder, JobPaths.ModelsFolder]);
        foreach (var entry in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = entry.IndexOf('\t', StringComparison.Ordinal);
            var fields = entry[..tab].Split(' ');
            var path = entry[(tab + 1)..];
            if (fields[1] != "blob" || !path.EndsWith(JobPaths.Extension, StringComparison.Ordinal))
                continue;
            files[path] = GitRunner.Check(gitDirectory, ["cat-file", "blob", fields[2]]);
        }
        return new TreeSnapshot(root, files);
    }

    /// <summary>
    /// The jobs and models of the workspace at <paramref name="root"/> as its next commit would hold
    /// them: the files <c>git add --all</c> takes (tracked ones still there, untracked ones git does
    /// not ignore), read from disk. Placed under the workspace itself, so diagnostics name real files.
    /// </summary>
    public static TreeSnapshot ReadWorkspace(string root)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var listing = GitRunner.Check(root, ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", JobPaths.JobsFolder, JobPaths.ModelsFolder]);
        foreach (var path in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var file = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
            if (path.EndsWith(JobPaths.Extension, StringComparison.Ordinal) && File.Exists(file))
                files[path] = SourceText.Load(file).Text;
        }
        return new TreeSnapshot(root, files);
    }

    /// <summary>The text of a repository path, or null.</summary>
    public string? Text(string path) => _files.GetValueOrDefault(path);

    /// <summary>A compilation of the job, with imports resolved inside the snapshot.</summary>
    public Compilation Compile(string job) => CompileFile(JobPaths.JobPath(job));

    /// <summary>A compilation of any file of the snapshot (a model library, on its own), with imports resolved inside the snapshot.</summary>
    public Compilation CompileFile(string path)
    {
        var text = Text(path) ?? throw new ArgumentException($"No file '{path}' in this snapshot.", nameof(path));
        return Compilation.Create(SourceText.From(text, FullPath(path)), this);
    }

    /// <summary>
    /// A diagnostic as the user reads it: the file, and any file its message names (an import not
    /// found), by their paths in the repository rather than where they were placed for the compiler.
    /// </summary>
    public string Describe(Diagnostic diagnostic) =>
        $"{RepositoryPath(diagnostic.Source.Path) ?? diagnostic.Source.Path}({diagnostic.Start}): {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Code}: "
        + diagnostic.Message.Replace(Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);

    /// <summary>The repository path of a full path under <see cref="Root"/>, or null when it is outside.</summary>
    public string? RepositoryPath(string fullPath)
    {
        var relative = Path.GetRelativePath(Root, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? null : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <inheritdoc />
    public SourceText? Resolve(string fullPath) =>
        RepositoryPath(fullPath) is { } path && Text(path) is { } text ? SourceText.From(text, fullPath) : null;

    /// <inheritdoc />
    public bool IsDirectory(string fullPath) => RepositoryPath(fullPath) is { } path && ISourceResolver.IsFolderOf(_files.Keys, path);

    private string FullPath(string path) => Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar));
}
