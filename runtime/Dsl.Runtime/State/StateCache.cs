using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FASTER.core;

namespace Dsl.Runtime.State;

using StateSession = ClientSession<StateKey, StateValue, StateValue, StateValue, Empty, SimpleFunctions<StateKey, StateValue>>;

/// <summary>
/// The live entries of every table of a store, in front of FASTER: a bounded write-back cache with
/// CLOCK eviction. Operators get refs into its slots, so the hot path is one hash lookup, as with
/// the in-memory store. A miss reads FASTER (completing an I/O when the entry has spilled to
/// disk); an evicted entry that changed since it was loaded is upserted into FASTER; a checkpoint
/// writes back every changed entry. Entries created and removed between two checkpoints never
/// reach FASTER at all.
/// </summary>
internal sealed class StateCache
{
    private const byte Used = 1;
    private const byte Dirty = 2;
    private const byte Stored = 4;
    private const byte Referenced = 8;

    private readonly StateSession _session;
    private readonly Dictionary<StateKey, int> _index;
    private readonly int _capacity;
    private StateKey[] _keys;
    private StateValue[] _values;
    private byte[] _flags;
    private int[] _free = new int[64];
    private int _freeCount;
    private int _highWater;
    private int _hand;

    public StateCache(StateSession session, int capacity, bool storeHasEntries)
    {
        _session = session;
        _capacity = capacity;
        int initial = Math.Min(capacity, 1024);
        _index = new Dictionary<StateKey, int>(initial);
        _keys = new StateKey[initial];
        _values = new StateValue[initial];
        _flags = new byte[initial];
        StoreHasEntries = storeHasEntries;
    }

    /// <summary>False until something has been written to FASTER: until then a miss needs no read.</summary>
    public bool StoreHasEntries { get; private set; }

    public int Count => _index.Count;

    /// <summary>Entries read from FASTER because they were not cached (for tests and benchmarks).</summary>
    public long Misses { get; private set; }

    /// <summary>Entries written to FASTER because the cache was full.</summary>
    public long Evictions { get; private set; }

    public ref StateValue GetOrAdd(StateKey key, out bool added)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrNullRef(_index, key);
        if (!Unsafe.IsNullRef(ref slot))
        {
            _flags[slot] |= Dirty | Referenced;
            added = false;
            return ref _values[slot];
        }

        return ref Load(key, create: true, out added);
    }

    public ref StateValue Find(StateKey key)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrNullRef(_index, key);
        if (!Unsafe.IsNullRef(ref slot))
        {
            // The caller may write through the ref, so a found entry counts as changed.
            _flags[slot] |= Dirty | Referenced;
            return ref _values[slot];
        }

        return ref Load(key, create: false, out _);
    }

    public bool Remove(StateKey key)
    {
        if (_index.Remove(key, out int slot))
        {
            if ((_flags[slot] & Stored) != 0)
            {
                Delete(key);
            }

            Free(slot);
            return true;
        }

        StateValue value = default;
        if (!StoreHasEntries || !Read(key, ref value))
        {
            return false;
        }

        Delete(key);
        return true;
    }

    /// <summary>Upserts every changed entry into FASTER; the entries stay cached, now clean.</summary>
    public int WriteBack()
    {
        int written = 0;
        for (int slot = 0; slot < _highWater; slot++)
        {
            if ((_flags[slot] & (Used | Dirty)) == (Used | Dirty))
            {
                Upsert(_keys[slot], ref _values[slot]);
                _flags[slot] = (byte)((_flags[slot] & ~Dirty) | Stored);
                written++;
            }
        }

        return written;
    }

    /// <summary>The cached keys of one table.</summary>
    public void CopyCachedKeys(int table, HashSet<StateKey> destination)
    {
        for (int slot = 0; slot < _highWater; slot++)
        {
            if ((_flags[slot] & Used) != 0 && _keys[slot].Table == table)
            {
                destination.Add(_keys[slot]);
            }
        }
    }

    public bool IsCached(StateKey key) => _index.ContainsKey(key);

    private ref StateValue Load(StateKey key, bool create, out bool added)
    {
        StateValue value = default;
        bool found = StoreHasEntries && Read(key, ref value);
        if (!found && !create)
        {
            added = false;
            return ref Unsafe.NullRef<StateValue>();
        }

        int slot = Allocate();
        _keys[slot] = key;
        _values[slot] = value;
        _flags[slot] = (byte)(Used | Dirty | Referenced | (found ? Stored : 0));
        _index.Add(key, slot);
        added = !found;
        return ref _values[slot];
    }

    private int Allocate()
    {
        if (_freeCount > 0)
        {
            return _free[--_freeCount];
        }

        if (_highWater == _keys.Length && _keys.Length < _capacity)
        {
            int size = (int)Math.Min(_capacity, (long)_keys.Length * 2);
            Array.Resize(ref _keys, size);
            Array.Resize(ref _values, size);
            Array.Resize(ref _flags, size);
        }

        return _highWater < _keys.Length ? _highWater++ : Evict();
    }

    /// <summary>CLOCK: passes over recently used entries once, evicts the first one not used since.</summary>
    private int Evict()
    {
        while (true)
        {
            int slot = _hand;
            _hand = _hand + 1 == _highWater ? 0 : _hand + 1;
            byte flags = _flags[slot];
            if ((flags & Used) == 0)
            {
                continue;
            }

            if ((flags & Referenced) != 0)
            {
                _flags[slot] = (byte)(flags & ~Referenced);
                continue;
            }

            if ((flags & Dirty) != 0)
            {
                Upsert(_keys[slot], ref _values[slot]);
            }

            Evictions++;
            _index.Remove(_keys[slot]);
            _flags[slot] = 0;
            return slot;
        }
    }

    private void Free(int slot)
    {
        _flags[slot] = 0;
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = slot;
    }

    private bool Read(StateKey key, ref StateValue value)
    {
        Misses++;
        StateValue output = default;
        Status status = _session.Read(ref key, ref output);
        if (status.IsPending)
        {
            _session.CompletePendingWithOutputs(out CompletedOutputIterator<StateKey, StateValue, StateValue, StateValue, Empty> completed, wait: true);
            using (completed)
            {
                while (completed.Next())
                {
                    status = completed.Current.Status;
                    output = completed.Current.Output;
                }
            }
        }

        if (!status.Found)
        {
            return false;
        }

        value = output;
        return true;
    }

    private void Upsert(StateKey key, ref StateValue value)
    {
        StoreHasEntries = true;
        Status status = _session.Upsert(ref key, ref value);
        if (status.IsPending)
        {
            _session.CompletePending(wait: true);
        }
    }

    private void Delete(StateKey key)
    {
        Status status = _session.Delete(ref key);
        if (status.IsPending)
        {
            _session.CompletePending(wait: true);
        }
    }
}
