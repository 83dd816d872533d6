using Dsl.Compiler;
using Dsl.Compiler.Text;
using Dsl.Releases.Repository;

namespace Dsl.Daemon.Releases;

/// <summary>The <c>.stream</c> files of one commit of <c>release</c>.</summary>
/// <param name="Commit">The full commit hash.</param>
/// <param name="ShortHash">The short hash: the version the daemon shows.</param>
/// <param name="Files">Path in the repository (e.g. <c>jobs/power.stream</c>) to text.</param>
public sealed record ReleaseSnapshot(string Commit, string ShortHash, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>
    /// The job files: <c>jobs/NAME.stream</c> directly under <c>jobs/</c> with NAME a job name, by
    /// job name; the release check and <c>dsl save</c> tell jobs from other files by the same rule.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> Jobs() =>
        Files.Keys
            .Select(p => (Job: JobPaths.JobOf(p), Path: p))
            .Where(file => file.Job is not null)
            .OrderBy(file => file.Path, StringComparer.Ordinal)
            .Select(file => KeyValuePair.Create(file.Job!, file.Path));

    /// <summary>The files a job is made of: its file and the model libraries it imports, directly or not.</summary>
    public IReadOnlyList<string> SourcesOf(string jobPath)
    {
        // Imports are only resolved (among these files), not compiled: that is the deploy's work.
        string root = Path.Combine(Path.GetTempPath(), "dsl-release-sources");
        var resolver = new SnapshotSourceResolver(root, Files);
        var compilation = Compilation.Create(SourceText.From(Files[jobPath], resolver.FullPath(jobPath)), resolver);
        return [jobPath, .. compilation.ImportedTrees.Select(tree => Path.GetRelativePath(root, tree.Source.Path).Replace('\\', '/'))];
    }
}
