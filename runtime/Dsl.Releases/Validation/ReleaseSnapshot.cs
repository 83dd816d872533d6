using Dsl.Releases.Repository;

namespace Dsl.Releases.Validation;

/// <summary>Every job of one commit, compiled (bound and checked; nothing is emitted).</summary>
public sealed class ReleaseSnapshot
{
    private ReleaseSnapshot(TreeSnapshot tree, IReadOnlyDictionary<string, CompiledJob> jobs)
    {
        Tree = tree;
        Jobs = jobs;
    }

    public TreeSnapshot Tree { get; }

    public IReadOnlyDictionary<string, CompiledJob> Jobs { get; }

    public static ReleaseSnapshot Compile(TreeSnapshot tree)
    {
        var jobs = new Dictionary<string, CompiledJob>(StringComparer.Ordinal);
        foreach (var name in tree.Jobs)
        {
            var compilation = tree.Compile(name);
            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var source in compilation.ImportedTrees.Select(t => t.Source).Prepend(compilation.SyntaxTree.Source))
                sources[tree.RepositoryPath(source.Path) ?? source.Path] = source.Text;
            jobs[name] = new CompiledJob(name, compilation, sources);
        }
        return new ReleaseSnapshot(tree, jobs);
    }
}
