using Dsl.Compiler;

namespace Dsl.Releases.Validation;

/// <summary>A job of a release, compiled inside its snapshot.</summary>
/// <param name="Sources">The repository path and text of the job file and of every file it imports: the job changed when any of them did.</param>
public sealed record CompiledJob(string Name, Compilation Compilation, IReadOnlyDictionary<string, string> Sources)
{
    public bool SameSources(CompiledJob other) =>
        Sources.Count == other.Sources.Count
        && Sources.All(pair => other.Sources.TryGetValue(pair.Key, out var text) && text == pair.Value);
}
