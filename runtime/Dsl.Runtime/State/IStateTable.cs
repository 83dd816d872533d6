namespace Dsl.Runtime.State;

/// <summary>
/// Keyed operator state with fixed-size blittable keys and values, the shape a FASTER KV store
/// holds. A ref returned by <see cref="GetOrAdd"/> or <see cref="Find"/> is valid until the next
/// call on any table of the same store: the durable store keeps live entries in a bounded cache
/// and may evict (write back to FASTER) the entry behind an older ref to make room. Keys must
/// have no padding and only integral fields (they are compared as bytes).
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
