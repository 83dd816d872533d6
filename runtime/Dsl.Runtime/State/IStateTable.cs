namespace Dsl.Runtime.State;

/// <summary>
/// Keyed operator state with fixed-size blittable keys and values, the shape a FASTER KV store
/// holds. Refs returned by <see cref="GetOrAdd"/> and <see cref="Find"/> are valid until the next
/// add or remove on the same table; an implementation backed by a persistent store keeps live
/// entries in memory and writes them through at checkpoints.
/// </summary>
public interface IStateTable<TKey, TValue>
    where TKey : unmanaged, IEquatable<TKey>
    where TValue : unmanaged
{
    int Count { get; }

    /// <summary>The value for the key, created zeroed when absent.</summary>
    ref TValue GetOrAdd(TKey key, out bool added);

    /// <summary>The value for the key, or a null ref (test with <c>Unsafe.IsNullRef</c>) when absent.</summary>
    ref TValue Find(TKey key);

    bool Remove(TKey key);

    /// <summary>Appends every key to the list (for restores, idle scans and tests).</summary>
    void CopyKeysTo(List<TKey> destination);
}
