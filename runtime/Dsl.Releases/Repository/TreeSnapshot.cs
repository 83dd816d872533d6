using Dsl.Compiler;
using Dsl.Compiler.Text;
using Dsl.Releases.Git;

namespace Dsl.Releases.Repository;

/// <summary>
/// The <c>.stream</c> files of one commit, read from git into memory, with an import resolver
/// over them: a release is checked exactly as committed, never against files on disk.
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

    /// <summary>An empty snapshot (no release yet).</summary>
    public static TreeSnapshot Empty(string root) => new(root, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Reads the jobs and models of <paramref name="commit"/> in the repository at <paramref name="gitDirectory"/>.</summary>
    public static TreeSnapshot Read(string gitDirectory, string commit, string root)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var listing = GitRunner.Check(gitDirectory, ["ls-tree", "-r", "-z", "--format=%(objectname) %(path)", commit, "--", JobPaths.JobsFolder, JobPaths.ModelsFolder]);
        foreach (var entry in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = entry.IndexOf(' ', StringComparison.Ordinal);
            var path = entry[(space + 1)..];
            if (!path.EndsWith(JobPaths.Extension, StringComparison.Ordinal))
                continue;
            files[path] = GitRunner.Check(gitDirectory, ["cat-file", "blob", entry[..space]]);
        }
        return new TreeSnapshot(root, files);
    }

    /// <summary>The text of a repository path, or null.</summary>
    public string? Text(string path) => _files.GetValueOrDefault(path);

    /// <summary>A compilation of the job, with imports resolved inside the snapshot.</summary>
    public Compilation Compile(string job)
    {
        var path = JobPaths.JobPath(job);
        var text = Text(path) ?? throw new ArgumentException($"No job '{job}' in this release.", nameof(job));
        return Compilation.Create(SourceText.From(text, FullPath(path)), this);
    }

    /// <summary>The repository path of a full path under <see cref="Root"/>, or null when it is outside.</summary>
    public string? RepositoryPath(string fullPath)
    {
        var relative = Path.GetRelativePath(Root, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? null : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <inheritdoc />
    public SourceText? Resolve(string fullPath) =>
        RepositoryPath(fullPath) is { } path && Text(path) is { } text ? SourceText.From(text, fullPath) : null;

    private string FullPath(string path) => Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar));
}
