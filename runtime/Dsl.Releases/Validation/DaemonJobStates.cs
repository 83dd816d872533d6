using System.Text.Json;

namespace Dsl.Releases.Validation;

/// <summary>
/// Which jobs hold state, read from the daemon's <c>DATA/jobs.json</c> beside
/// <c>DATA/jobs.git</c> (the daemon writes it atomically on every lifecycle change). Only a
/// running or paused job keeps state across an upgrade; released, stopped and failed ones start
/// empty anyway, so their fingerprints need not match.
/// </summary>
public sealed class DaemonJobStates
{
    public const string FileName = "jobs.json";

    private readonly Dictionary<string, string>? _statuses;

    private DaemonJobStates(Dictionary<string, string>? statuses) => _statuses = statuses;

    /// <summary>True when the daemon's file was found; otherwise every released job counts as holding state.</summary>
    public bool Known => _statuses is not null;

    public static DaemonJobStates Read(string gitDirectory)
    {
        var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(gitDirectory).TrimEnd(Path.DirectorySeparatorChar)) ?? ".", FileName);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var job in document.RootElement.EnumerateArray())
            {
                if (job.TryGetProperty("Name", out var name) && name.ValueKind == JsonValueKind.String
                    && job.TryGetProperty("Status", out var status) && status.ValueKind == JsonValueKind.String)
                    statuses[name.GetString() ?? ""] = status.GetString() ?? "";
            }
            return new DaemonJobStates(statuses);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException or InvalidOperationException)
        {
            // No daemon (a repository used on its own) or a file in an unknown shape: be conservative.
            return new DaemonJobStates(null);
        }
    }

    /// <summary>True when the job may hold state the new version must continue from.</summary>
    public bool HoldsState(string job) =>
        _statuses is null || (_statuses.TryGetValue(job, out var status) && status is "Running" or "Paused" or "JOB_STATUS_RUNNING" or "JOB_STATUS_PAUSED");
}
