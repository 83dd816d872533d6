using System.Text.Json;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// State-memory and worker-thread budgets from <c>config.json</c>, re-read at each start:
/// <c>"resources": { "capacityMb": 1024, "jobMemoryMb": 32, "workers": 8, "jobWorkers": 1,
/// "jobs": { "power": { "memoryMb": 128, "workers": 2 } } }</c>.
/// What the file does not say comes from the daemon's options, and so does what it says wrongly;
/// <see cref="Problem"/> then names the first such entry, so that a start can be refused rather
/// than run on budgets the operator did not mean.
/// </summary>
internal sealed record ResourceConfig(
    long CapacityBytes,
    long DefaultJobBytes,
    IReadOnlyDictionary<string, long> JobBytes,
    int WorkerCapacity,
    int DefaultJobWorkers,
    IReadOnlyDictionary<string, int> JobWorkers,
    string? Problem)
{
    /// <summary>The most MiB a budget can name: more would not fit the byte count.</summary>
    private const long MaxMegabytes = long.MaxValue >> 20;

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
        var problems = new List<string>();
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(configPath));
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("resources", out JsonElement resources))
            {
                if (resources.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"\"resources\" must be an object, not {resources.GetRawText()}");
                }
                else
                {
                    capacity = Megabytes(resources, "capacityMb", "resources", problems) ?? capacity;
                    perJob = Megabytes(resources, "jobMemoryMb", "resources", problems) ?? perJob;
                    workerCapacity = Count(resources, "workers", "resources", problems) ?? workerCapacity;
                    perJobWorkers = Count(resources, "jobWorkers", "resources", problems) ?? perJobWorkers;
                    if (resources.TryGetProperty("jobs", out JsonElement list))
                    {
                        ReadJobs(list, jobs, jobWorkers, problems);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            // No config or an unreadable one: the daemon's options apply (and no token is accepted).
        }

        string? problem = problems.Count == 0 ? null : $"{configPath}: {problems[0]}";
        return new ResourceConfig(capacity, perJob, jobs, workerCapacity, perJobWorkers, jobWorkers, problem);
    }

    private static void ReadJobs(JsonElement list, Dictionary<string, long> jobs, Dictionary<string, int> jobWorkers, List<string> problems)
    {
        if (list.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"resources.jobs must be an object of job names, not {list.GetRawText()}");
            return;
        }

        foreach (JsonProperty job in list.EnumerateObject())
        {
            string path = $"resources.jobs.{job.Name}";
            if (job.Value.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{path} must be an object, not {job.Value.GetRawText()}");
                continue;
            }

            if (Megabytes(job.Value, "memoryMb", path, problems) is long bytes)
            {
                jobs[job.Name] = bytes;
            }

            if (Count(job.Value, "workers", path, problems) is int workers)
            {
                jobWorkers[job.Name] = workers;
            }
        }
    }

    /// <summary>A worker count: absent is null; anything but a whole number from 1 is a problem (and null).</summary>
    private static int? Count(JsonElement element, string name, string path, List<string> problems)
    {
        if (!element.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int count) && count > 0)
        {
            return count;
        }

        problems.Add($"{path}.{name} must be a whole number of worker threads from 1 to {int.MaxValue}, not {value.GetRawText()}");
        return null;
    }

    /// <summary>A budget in MiB, as bytes: absent is null; anything but a whole number from 1 is a problem (and null).</summary>
    private static long? Megabytes(JsonElement element, string name, string path, List<string> problems)
    {
        if (!element.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long mb) && mb is > 0 and <= MaxMegabytes)
        {
            return mb << 20;
        }

        problems.Add($"{path}.{name} must be a whole number of MiB from 1 to {MaxMegabytes}, not {value.GetRawText()}");
        return null;
    }
}
