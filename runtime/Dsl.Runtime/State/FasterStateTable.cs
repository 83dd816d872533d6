using System.Runtime.CompilerServices;

namespace Dsl.Runtime.State;

/// <summary>
/// A typed view of one table in the FASTER store: keys and values reinterpreted in place, no
/// copies beyond the cache's own slot. Refs are valid until the next call on any table of the store.
/// </summary>
internal sealed class FasterStateTable<TKey, TValue> : IStateTable<TKey, TValue>, IStoreTable
    where TKey : unmanaged, IEquatable<TKey>
    where TValue : unmanaged
{
    private readonly FasterStateStore _store;
    private readonly StateCache _cache;

    public FasterStateTable(FasterStateStore store, StateCache cache, string name, int id, long count)
    {
        _store = store;
        _cache = cache;
        Name = name;
        Id = id;
        LongCount = count;
    }

    public string Name { get; }

    public int Id { get; }

    public long LongCount { get; private set; }

    public int Count => (int)Math.Min(LongCount, int.MaxValue);

    public Type KeyType => typeof(TKey);

    public Type ValueType => typeof(TValue);

    public ref TValue GetOrAdd(TKey key, out bool added)
    {
        ref StateValue value = ref _cache.GetOrAdd(StateKey.Create(Id, key), out added);
        if (added)
        {
            LongCount++;
        }

        return ref Unsafe.As<StateValue, TValue>(ref value);
    }

    public ref TValue Find(TKey key)
    {
        ref StateValue value = ref _cache.Find(StateKey.Create(Id, key));
        return ref Unsafe.IsNullRef(ref value) ? ref Unsafe.NullRef<TValue>() : ref Unsafe.As<StateValue, TValue>(ref value);
    }

    public bool Remove(TKey key)
    {
        if (!_cache.Remove(StateKey.Create(Id, key)))
        {
            return false;
        }

        LongCount--;
        return true;
    }

    public void CopyKeysTo(List<TKey> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        foreach (StateKey key in _store.Keys(Id))
        {
            destination.Add(key.Payload<TKey>());
        }
    }
}
