using System.Text.Json;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// State-memory budgets from <c>config.json</c>, re-read at each start:
/// <c>"resources": { "capacityMb": 1024, "jobMemoryMb": 32, "jobs": { "power": { "memoryMb": 128 } } }</c>.
/// What the file does not say comes from the daemon's options.
/// </summary>
internal sealed record ResourceConfig(long CapacityBytes, long DefaultJobBytes, IReadOnlyDictionary<string, long> JobBytes)
{
    public long MemoryOf(string job) => JobBytes.TryGetValue(job, out long bytes) ? bytes : DefaultJobBytes;

    public static ResourceConfig Load(string configPath, DaemonOptions options)
    {
        long capacity = options.MemoryCapacityBytes;
        long perJob = options.JobMemoryBytes;
        var jobs = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(configPath));
            if (document.RootElement.TryGetProperty("resources", out JsonElement resources) && resources.ValueKind == JsonValueKind.Object)
            {
                capacity = Megabytes(resources, "capacityMb") ?? capacity;
                perJob = Megabytes(resources, "jobMemoryMb") ?? perJob;
                if (resources.TryGetProperty("jobs", out JsonElement list) && list.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty job in list.EnumerateObject())
                    {
                        if (Megabytes(job.Value, "memoryMb") is long bytes)
                        {
                            jobs[job.Name] = bytes;
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            // No config or an unreadable one: the daemon's options apply.
        }

        return new ResourceConfig(capacity, perJob, jobs);
    }

    private static long? Megabytes(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.TryGetInt64(out long mb) && mb > 0 ? mb << 20 : null;
}
