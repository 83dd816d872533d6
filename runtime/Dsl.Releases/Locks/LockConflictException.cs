namespace Dsl.Releases.Locks;

/// <summary>The lock is held by someone else.</summary>
public sealed class LockConflictException(JobLock held)
    : Exception($"job '{held.Job}' is locked by {held.Holder}{(held.Hard ? " (hard)" : "")} since {held.Since:u}")
{
    /// <summary>What an unlock refused for it says: how to remove the lock all the same.</summary>
    public const string ForceAdvice = "; unlock with force (dsl unlock --force) to take it away.";

    public JobLock Held { get; } = held;
}
