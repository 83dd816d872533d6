using System.Text.Json;
using Dsl.Releases.Repository;
using Dsl.Runtime.Sources;

namespace Dsl.Releases.Locks;

/// <summary>
/// The editing locks of a release repository, in <c>dsl-locks.json</c> inside the bare
/// repository (beside, not in, git's objects, so locks are not versions). Read by the
/// pre-receive hook and by the daemon for <c>Jobs.Get</c> (which parses the same JSON shape);
/// written by <c>dsl lock</c> and the Releases rpcs. Every change holds an exclusive lock file so
/// concurrent writers never lose an update, and replaces the file atomically so readers without
/// that lock never see half of it.
/// </summary>
public sealed class LockStore(string gitDirectory)
{
    public const string FileName = "dsl-locks.json";

    // Every field of an entry is required: one left out would read as a lock with no holder.
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true, RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true };

    public string FilePath { get; } = Path.Combine(Path.GetFullPath(gitDirectory), FileName);

    /// <summary>Every lock, by job; <see cref="LockFileException"/> when the file does not read.</summary>
    public IReadOnlyDictionary<string, JobLock> List()
    {
        List<JobLock?> locks;
        try
        {
            locks = JsonSerializer.Deserialize<List<JobLock?>>(File.ReadAllText(FilePath), _json) ?? [];
        }
        catch (FileNotFoundException)
        {
            return new Dictionary<string, JobLock>(StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            string problem = e.InnerException is JsonException
                ? $"not valid JSON{JsonProblem.Position(e)}: {JsonProblem.Reason(e).TrimEnd('.')}"
                : $"not a list of locks{JsonProblem.Position(e)}: each entry holds Job, Holder, Hard and Since";
            throw Unreadable(problem, e);
        }

        // The serializer leaves these to the reader: a list element may be null, and a job may come twice.
        var byJob = new Dictionary<string, JobLock>(StringComparer.Ordinal);
        for (int i = 0; i < locks.Count; i++)
        {
            if (locks[i] is not { } entry)
                throw Unreadable($"entry {i + 1} is null, not a lock: each entry holds Job, Holder, Hard and Since");
            if (!byJob.TryAdd(entry.Job, entry))
                throw Unreadable($"the job '{entry.Job}' has two entries, and a job has one lock at most");
        }
        return byJob;
    }

    private LockFileException Unreadable(string problem, Exception? cause = null) =>
        new($"{FilePath}: the editing locks cannot be read: {problem}; mend the file, or delete it to drop every lock.", cause);

    /// <summary>The lock on a job, or null.</summary>
    public JobLock? Get(string job) => List().GetValueOrDefault(job);

    /// <summary>Takes (or changes) the caller's lock; <see cref="LockConflictException"/> when someone else holds it.</summary>
    public JobLock Lock(string job, string holder, bool hard, DateTimeOffset now)
    {
        JobPaths.Validate(job);
        return Update(locks =>
        {
            if (locks.TryGetValue(job, out var held) && held.Holder != holder)
                throw new LockConflictException(held);
            var taken = new JobLock(job, holder, hard, held?.Since ?? now);
            locks[job] = taken;
            return taken;
        });
    }

    /// <summary>
    /// Releases a lock; false when there was none. <see cref="LockConflictException"/> for someone
    /// else's lock without <paramref name="force"/>. Any name the file holds is taken, a job name or
    /// not (an entry written by hand), so that every lock can be removed.
    /// </summary>
    public bool Unlock(string job, string holder, bool force)
    {
        return Update(locks =>
        {
            if (!locks.TryGetValue(job, out var held))
            {
                JobPaths.Validate(job);
                return false;
            }
            if (held.Holder != holder && !force)
                throw new LockConflictException(held);
            locks.Remove(job);
            return true;
        });
    }

    private T Update<T>(Func<Dictionary<string, JobLock>, T> change)
    {
        using var guard = Acquire();
        var locks = new Dictionary<string, JobLock>(List(), StringComparer.Ordinal);
        var result = change(locks);
        var temporary = FilePath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(locks.Values.OrderBy(l => l.Job, StringComparer.Ordinal).ToList(), _json));
        File.Move(temporary, FilePath, overwrite: true);
        return result;
    }

    private FileStream Acquire()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                return new FileStream(FilePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }
}
