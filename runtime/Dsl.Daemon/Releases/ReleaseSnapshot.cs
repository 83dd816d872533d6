namespace Dsl.Daemon.Releases;

/// <summary>The <c>.stream</c> files of one commit of <c>release</c>.</summary>
/// <param name="Commit">The full commit hash.</param>
/// <param name="ShortHash">The short hash: the version the daemon shows.</param>
/// <param name="Files">Path in the repository (e.g. <c>jobs/power.stream</c>) to text.</param>
public sealed record ReleaseSnapshot(string Commit, string ShortHash, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>The job files: <c>jobs/NAME.stream</c> directly under <c>jobs/</c>, by job name.</summary>
    public IEnumerable<KeyValuePair<string, string>> Jobs() =>
        Files.Keys
            .Where(p => p.StartsWith("jobs/", StringComparison.Ordinal) && p.IndexOf('/', 5) < 0)
            .Order(StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(System.IO.Path.GetFileNameWithoutExtension(p), p));
}
