using Dsl.Compiler.Binding;

namespace Dsl.Releases.Validation;

/// <summary>
/// Cycles across jobs: job A feeds job B when a point A writes is a point B reads (outputs go
/// back into the channel, so jobs chain). A loop of such feeds would make records circulate
/// for ever, so a release must not contain one. Points are matched by <c>Model::Point</c>.
/// </summary>
public static class JobCycles
{
    /// <summary>Each cycle found, as the jobs along it with the first repeated at the end.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyDictionary<string, BoundJob> jobs)
    {
        var feeds = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, job) in jobs)
        {
            var outputs = job.Graph.Outputs.Select(p => p.QualifiedName).ToHashSet(StringComparer.Ordinal);
            feeds[name] = [.. jobs
                .Where(other => other.Key != name && other.Value.Graph.Inputs.Any(p => outputs.Contains(p.QualifiedName)))
                .Select(other => other.Key)
                .Order(StringComparer.Ordinal)];
        }

        var cycles = new List<IReadOnlyList<string>>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done
        var path = new List<string>();
        foreach (var start in feeds.Keys.Order(StringComparer.Ordinal))
            Visit(start, feeds, state, path, cycles);
        return cycles;
    }

    /// <summary>The error a cycle is, in the release check and <c>dsl save</c> alike; <paramref name="where"/> holds the jobs.</summary>
    public static string Describe(IReadOnlyList<string> cycle, string where) =>
        $"error: the jobs of {where} form a cycle: {string.Join(" -> ", cycle)} (a job's outputs feed the inputs of the next).";

    private static void Visit(string job, Dictionary<string, List<string>> feeds, Dictionary<string, bool> state, List<string> path, List<IReadOnlyList<string>> cycles)
    {
        if (state.TryGetValue(job, out var done))
        {
            if (!done)
                cycles.Add([.. path.Skip(path.IndexOf(job)), job]);
            return;
        }

        state[job] = false;
        path.Add(job);
        foreach (var next in feeds[job])
            Visit(next, feeds, state, path, cycles);
        path.RemoveAt(path.Count - 1);
        state[job] = true;
    }
}
