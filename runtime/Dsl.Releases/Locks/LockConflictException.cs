namespace Dsl.Releases.Locks;

/// <summary>The lock is held by someone else.</summary>
public sealed class LockConflictException(JobLock held)
    : Exception($"job '{held.Job}' is locked by {held.Holder}{(held.Hard ? " (hard)" : "")} since {held.Since:u}")
{
    public JobLock Held { get; } = held;
}
