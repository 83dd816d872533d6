using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dsl.Runtime.State;

/// <summary>In-memory keyed state on a dictionary, handing out refs into its entries.</summary>
public sealed class MemoryStateTable<TKey, TValue> : IStateTable<TKey, TValue>
    where TKey : unmanaged, IEquatable<TKey>
    where TValue : unmanaged
{
    private readonly Dictionary<TKey, TValue> _entries = [];

    public int Count => _entries.Count;

    public ref TValue GetOrAdd(TKey key, out bool added)
    {
        ref TValue value = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out bool exists);
        added = !exists;
        return ref value;
    }

    public ref TValue Find(TKey key)
    {
        ref TValue value = ref CollectionsMarshal.GetValueRefOrNullRef(_entries, key);
        return ref Unsafe.IsNullRef(ref value) ? ref Unsafe.NullRef<TValue>() : ref value;
    }

    public bool Remove(TKey key) => _entries.Remove(key);

    public void CopyKeysTo(List<TKey> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        foreach (TKey key in _entries.Keys)
        {
            destination.Add(key);
        }
    }
}
