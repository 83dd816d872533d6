using Dsl.Control.V1;
using Dsl.Daemon.Api;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// A job's error log kept beside its state, <c>state/JOB.errors.json</c> (inside the state folder
/// the durable host would refuse a file it did not write). The worker writes it before each
/// checkpoint it commits, so that after a restart the log holds the rejected records that the
/// restored counters count; entries of records after the checkpoint, which the resumed job reads
/// and logs again, are forgotten on resume (<see cref="BoundedErrorLog.ForgetFrom"/>).
/// </summary>
internal sealed class ErrorLogFile
{
    private readonly string _path;

    // The log's change count when this last wrote it: an unchanged log is not written again.
    private long _saved = -1;

    public ErrorLogFile(string path) => _path = path;

    /// <summary>The file beside a state folder.</summary>
    public static string Beside(string stateFolder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(stateFolder)) + ".errors.json";

    /// <summary>Writes the log, atomically, when it changed since this last wrote it.</summary>
    public void Save(BoundedErrorLog log)
    {
        long changes = log.Changes;
        if (changes == _saved)
        {
            return;
        }

        (IReadOnlyList<ErrorLogEntry> entries, long dropped) = log.Snapshot();
        DurableJsonFile.Save(_path, new Stored(dropped, [.. entries.Select(StoredEntry.Of)]));
        _saved = changes;
    }

    /// <summary>Puts into the log what the file at <paramref name="path"/> holds; leaves it as it is without a file.</summary>
    /// <exception cref="System.Text.Json.JsonException">The file is not an error log.</exception>
    public static void Load(string path, BoundedErrorLog log)
    {
        if (DurableJsonFile.Load<Stored>(path) is { } stored)
        {
            log.Replace(stored.Entries.Select(e => e.ToEntry()), stored.Dropped);
        }
    }

    private sealed record Stored(long Dropped, List<StoredEntry> Entries);

    private sealed record StoredEntry(DateTimeOffset Time, string Reason, string Detail, string Record, ulong Position)
    {
        public static StoredEntry Of(ErrorLogEntry entry) => new(entry.Time.ToDateTimeOffset(), entry.Reason, entry.Detail, entry.Record, entry.Position);

        public ErrorLogEntry ToEntry() => new() { Time = Conversions.ToProto(Time), Reason = Reason, Detail = Detail, Record = Record, Position = Position };
    }
}
