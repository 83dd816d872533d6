using System.Text.Json;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// State-memory and worker-thread budgets from <c>config.json</c>, re-read at each start:
/// <c>"resources": { "capacityMb": 1024, "jobMemoryMb": 32, "workers": 8, "jobWorkers": 1,
/// "jobs": { "power": { "memoryMb": 128, "workers": 2 } } }</c>.
/// What the file does not say comes from the daemon's options.
/// </summary>
internal sealed record ResourceConfig(
    long CapacityBytes,
    long DefaultJobBytes,
    IReadOnlyDictionary<string, long> JobBytes,
    int WorkerCapacity,
    int DefaultJobWorkers,
    IReadOnlyDictionary<string, int> JobWorkers)
{
    public long MemoryOf(string job) => JobBytes.TryGetValue(job, out long bytes) ? bytes : DefaultJobBytes;

    public int WorkersOf(string job) => JobWorkers.TryGetValue(job, out int workers) ? workers : DefaultJobWorkers;

    public static ResourceConfig Load(string configPath, DaemonOptions options)
    {
        long capacity = options.MemoryCapacityBytes;
        long perJob = options.JobMemoryBytes;
        int workerCapacity = options.WorkerCapacity;
        int perJobWorkers = options.JobWorkers;
        var jobs = new Dictionary<string, long>(StringComparer.Ordinal);
        var jobWorkers = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(configPath));
            if (document.RootElement.TryGetProperty("resources", out JsonElement resources) && resources.ValueKind == JsonValueKind.Object)
            {
                capacity = Megabytes(resources, "capacityMb") ?? capacity;
                perJob = Megabytes(resources, "jobMemoryMb") ?? perJob;
                workerCapacity = Count(resources, "workers") ?? workerCapacity;
                perJobWorkers = Count(resources, "jobWorkers") ?? perJobWorkers;
                if (resources.TryGetProperty("jobs", out JsonElement list) && list.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty job in list.EnumerateObject())
                    {
                        if (Megabytes(job.Value, "memoryMb") is long bytes)
                        {
                            jobs[job.Name] = bytes;
                        }

                        if (Count(job.Value, "workers") is int workers)
                        {
                            jobWorkers[job.Name] = workers;
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            // No config or an unreadable one: the daemon's options apply.
        }

        return new ResourceConfig(capacity, perJob, jobs, workerCapacity, perJobWorkers, jobWorkers);
    }

    private static int? Count(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.TryGetInt32(out int count) && count > 0 ? count : null;

    private static long? Megabytes(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.TryGetInt64(out long mb) && mb > 0 ? mb << 20 : null;
}
