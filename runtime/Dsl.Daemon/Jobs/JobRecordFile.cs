using System.Text.Json;
using Dsl.Runtime.Sources;

namespace Dsl.Daemon.Jobs;

/// <summary>Reads and atomically writes <c>DATA/jobs.json</c>.</summary>
internal static class JobRecordFile
{
    /// <summary>The jobs the file remembers, by name; none without a file.</summary>
    /// <exception cref="InvalidDataException">
    /// The file is not the list of jobs the daemon writes (edited by hand, or damaged on disk). The
    /// daemon does not start on it: without the jobs' statuses it would not know which to resume, and
    /// would count their runs from 1 again over the output files of earlier runs.
    /// </exception>
    public static Dictionary<string, JobRecord> Load(string path)
    {
        List<JobRecord?> records;
        try
        {
            records = DurableJsonFile.Load<List<JobRecord?>>(path) ?? [];
        }
        catch (JsonException e)
        {
            string at = JsonProblem.Position(e);

            // A syntax error carries the reader's own exception; any other is a shape the daemon does not write.
            throw Damaged(path, e.InnerException is JsonException ? $"not valid JSON{at}: {JsonProblem.Reason(e).TrimEnd('.')}" : $"not a list of jobs{at}");
        }

        var byName = new Dictionary<string, JobRecord>(StringComparer.Ordinal);
        foreach (JobRecord? record in records)
        {
            if (record?.Name is not { } name)
            {
                throw Damaged(path, "an entry has no job name");
            }

            if (!byName.TryAdd(name, record))
            {
                throw Damaged(path, $"job '{name}' is listed twice");
            }
        }

        return byName;
    }

    public static void Save(string path, IEnumerable<JobRecord> records) =>
        DurableJsonFile.Save(path, records.OrderBy(r => r.Name, StringComparer.Ordinal).ToList());

    private static InvalidDataException Damaged(string path, string problem) =>
        new($"{path} cannot be read: {problem}. It holds the status of every job; restore it, or correct it by hand, and start again.");
}
