using Dsl.Runtime.Jobs;

namespace Dsl.Runtime.Hosting;

/// <summary>
/// Whether a job version can continue from the state another version left, judged by operator
/// fingerprints (which hash each operator's configuration and state layout). Operators that only
/// one version has are fine: a new one starts empty, a removed one's state is ignored.
/// </summary>
/// <param name="Changed">Operators both versions have, whose state means something else now.</param>
public sealed record StateCompatibility(IReadOnlyList<string> Changed, IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    public bool IsCompatible => Changed.Count == 0;

    public static StateCompatibility Compare(IReadOnlyList<OperatorManifest> previous, IReadOnlyList<OperatorManifest> next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var before = previous.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var after = next.ToDictionary(o => o.Name, StringComparer.Ordinal);
        return new StateCompatibility(
            [.. next.Where(o => before.TryGetValue(o.Name, out OperatorManifest? old) && (old.Kind != o.Kind || old.Fingerprint != o.Fingerprint)).Select(o => o.Name)],
            [.. next.Where(o => !before.ContainsKey(o.Name)).Select(o => o.Name)],
            [.. previous.Where(o => !after.ContainsKey(o.Name)).Select(o => o.Name)]);
    }

    /// <summary>The changed operators as a message lists them.</summary>
    public string DescribeChanged() => string.Join(", ", Changed.Select(name => $"\"{name}\""));
}
