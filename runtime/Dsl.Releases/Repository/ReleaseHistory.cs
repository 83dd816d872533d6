using System.Globalization;
using Dsl.Releases.Git;
using Dsl.Releases.Versions;

namespace Dsl.Releases.Repository;

/// <summary>Reads released versions from a repository's <c>JOB/vN</c> tags.</summary>
public static class ReleaseHistory
{
    private const string Format = "%(refname:strip=2)%00%(*objectname)%00%(objectname)%00%(taggerdate:unix)%00%(taggername)%00%(*authorname)%00%(*subject)";

    /// <summary>The versions of a job, newest first (empty when it was never released).</summary>
    public static IReadOnlyList<ReleasedVersion> Tags(string gitDirectory, string job)
    {
        JobPaths.Validate(job);
        return [.. Read(gitDirectory, $"refs/tags/{job}/").Where(v => v.Job == job).OrderByDescending(v => v.Version)];
    }

    /// <summary>The latest version of every job that has one, by job; with <paramref name="mergedInto"/>, among the tags of that commit and the commits before it.</summary>
    public static IReadOnlyDictionary<string, ReleasedVersion> Latest(string gitDirectory, string? mergedInto = null)
    {
        var latest = new Dictionary<string, ReleasedVersion>(StringComparer.Ordinal);
        foreach (var version in Read(gitDirectory, "refs/tags/", mergedInto))
        {
            if (!latest.TryGetValue(version.Job, out var known) || version.Version > known.Version)
                latest[version.Job] = version;
        }
        return latest;
    }

    /// <summary>The release tags <c>JOB/vN</c> under <paramref name="refs"/>; other tags are passed over.</summary>
    private static IEnumerable<ReleasedVersion> Read(string gitDirectory, string refs, string? mergedInto = null)
    {
        var listing = GitRunner.Check(gitDirectory, ["for-each-ref", "--format=" + Format, .. mergedInto is null ? Array.Empty<string>() : ["--merged=" + mergedInto], refs]);
        foreach (var line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\0');
            var slash = f[0].LastIndexOf("/v", StringComparison.Ordinal);
            if (f.Length < 7 || slash <= 0 || !int.TryParse(f[0][(slash + 2)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                continue;
            var commit = f[1].Length > 0 ? f[1] : f[2];
            var when = long.TryParse(f[3], CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.MinValue;
            yield return new ReleasedVersion(f[0][..slash], number, f[0], commit, when, f[4], f[5], f[6]);
        }
    }

    /// <summary>The text of a job at a commit or tag, or null when the job is not there.</summary>
    public static string? Source(string gitDirectory, string revision, string job)
    {
        var result = GitRunner.Run(gitDirectory, ["cat-file", "blob", $"{revision}:{JobPaths.JobPath(job)}"]);
        return result.Success ? result.Output : null;
    }

    /// <summary>A unified diff from one text to another, labelled with the sides' names; empty when equal.</summary>
    public static string Diff(string oldText, string newText, string oldLabel, string newLabel, int context = 3)
    {
        var folder = Directory.CreateTempSubdirectory("dsl-diff-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "old"), oldText);
            File.WriteAllText(Path.Combine(folder.FullName, "new"), newText);
            // git's own unified diff, whatever the user's configuration: an external diff tool
            // (diff.external, set up for difftastic, say) or a textconv would print something else.
            // --text: a NUL in a side would otherwise make git print "Binary files differ" and no
            // hunk, which reads here as no difference at all.
            var result = GitRunner.Run(folder.FullName, ["diff", "--no-index", "--no-color", "--no-ext-diff", "--no-textconv", "--text", $"-U{context}", "old", "new"]);
            var lines = result.Output.Split('\n');
            var body = lines.SkipWhile(l => !l.StartsWith("@@", StringComparison.Ordinal)).ToArray();
            return body.Length == 0 ? "" : $"--- {oldLabel}\n+++ {newLabel}\n" + string.Join('\n', body);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
