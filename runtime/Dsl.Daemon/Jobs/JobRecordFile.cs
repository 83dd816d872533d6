using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dsl.Daemon.Jobs;

/// <summary>Reads and atomically writes <c>DATA/jobs.json</c>.</summary>
internal static class JobRecordFile
{
    private static readonly JsonSerializerOptions _json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Dictionary<string, JobRecord> Load(string path)
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, JobRecord>(StringComparer.Ordinal);
        }

        var list = JsonSerializer.Deserialize<List<JobRecord>>(File.ReadAllText(path), _json) ?? [];
        return list.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    public static void Save(string path, IEnumerable<JobRecord> records)
    {
        string temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(file, records.OrderBy(r => r.Name, StringComparer.Ordinal).ToList(), _json);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Sync(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }
}
