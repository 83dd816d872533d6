namespace Dsl.Daemon.Jobs;

/// <summary>Reads and atomically writes <c>DATA/jobs.json</c>.</summary>
internal static class JobRecordFile
{
    public static Dictionary<string, JobRecord> Load(string path) =>
        (DurableJsonFile.Load<List<JobRecord>>(path) ?? []).ToDictionary(r => r.Name, StringComparer.Ordinal);

    public static void Save(string path, IEnumerable<JobRecord> records) =>
        DurableJsonFile.Save(path, records.OrderBy(r => r.Name, StringComparer.Ordinal).ToList());
}
