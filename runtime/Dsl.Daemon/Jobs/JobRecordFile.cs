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

    /// <summary>
    /// Refuses records that do not know every job with state or outputs in the data directory: the
    /// file is missing, or was replaced by an older or emptied one. Records are never dropped (a
    /// removed job keeps one), so such a job was known. Without its record the daemon would take it
    /// for a new job, count its runs from 1 again and write over the output files of its earlier runs.
    /// </summary>
    /// <exception cref="InvalidDataException">A job has state or outputs but no record.</exception>
    public static void CheckKnowsEvery(DataPaths paths, IReadOnlyDictionary<string, JobRecord> records)
    {
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        var where = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string folder in JobFolders(paths))
        {
            string name = Path.GetFileName(folder);
            if (!records.ContainsKey(name))
            {
                unknown.Add(name);
                where.Add(Path.GetRelativePath(paths.Root, Path.GetDirectoryName(folder)!) + "/");
            }
        }

        if (unknown.Count > 0)
        {
            string missing = File.Exists(paths.JobsFile) ? "does not list" : "is missing, and with it the records of";
            throw new InvalidDataException(
                $"{paths.JobsFile} {missing} the job(s) {string.Join(", ", unknown.Select(n => $"'{n}'"))}, whose state or outputs are in {string.Join(" and ", where)}. "
                + "Taken for new jobs, they would start their runs over and write over their earlier runs' output files. Restore jobs.json, or move their folders aside to start them anew.");
        }
    }

    /// <summary>The jobs' folders under <c>state/</c> and <c>out/CHANNEL/</c>.</summary>
    private static IEnumerable<string> JobFolders(DataPaths paths) =>
        Directory.EnumerateDirectories(paths.State).Where(folder => !Path.GetFileName(folder).StartsWith(DataPaths.DeletedPrefix, StringComparison.Ordinal))
            .Concat(Directory.EnumerateDirectories(paths.Out).SelectMany(Directory.EnumerateDirectories));

    public static void Save(string path, IEnumerable<JobRecord> records) =>
        DurableJsonFile.Save(path, records.OrderBy(r => r.Name, StringComparer.Ordinal).ToList());

    private static InvalidDataException Damaged(string path, string problem) =>
        new($"{path} cannot be read: {problem}. It holds the status of every job; restore it, or correct it by hand, and start again.");
}
