using System.Text.Json;
using Dsl.Control.V1;
using Dsl.Daemon.Api;

namespace Dsl.Daemon.Releases;

/// <summary>
/// The jobs' editing locks as <c>Jobs.Get</c> reports them, read from
/// <c>DATA/jobs.git/dsl-locks.json</c>. The release service owns that file (its lock store writes
/// it for <c>Releases.Lock</c> and <c>dsl lock</c> over a path, the pre-receive hook enforces it);
/// the daemon only reads it, at each call, so a lock shows as soon as it is taken. The store
/// replaces the file atomically, so a read never sees half of it.
/// </summary>
internal sealed class EditingLocks
{
    /// <summary>The file's name inside the bare repository, as the release service's lock store names it.</summary>
    public const string FileName = "dsl-locks.json";

    private readonly string _file;

    /// <summary>The locks of the bare repository at <paramref name="repository"/>.</summary>
    public EditingLocks(string repository) => _file = Path.Combine(repository, FileName);

    /// <summary>The lock on <paramref name="job"/>, or null when nobody holds one.</summary>
    public LockInfo? Of(string job)
    {
        List<StoredLock>? locks;
        try
        {
            locks = JsonSerializer.Deserialize<List<StoredLock>>(File.ReadAllText(_file));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // No lock was ever taken.
            return null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // A damaged file is the release service's to report (its lock commands fail on it);
            // the rest of the job's details are still worth answering.
            return null;
        }

        return locks?.FirstOrDefault(l => l is { Holder: not null } && l.Job == job) is { } held
            ? new LockInfo { Job = held.Job, Holder = held.Holder, Hard = held.Hard, Since = Conversions.ToProto(held.Since) }
            : null;
    }

    /// <summary>One entry of the file, in the shape the lock store writes.</summary>
    private sealed record StoredLock(string Job, string Holder, bool Hard, DateTimeOffset Since);
}
