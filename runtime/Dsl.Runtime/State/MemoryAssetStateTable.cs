namespace Dsl.Runtime.State;

/// <summary>In-memory per-asset state: a growable array indexed by asset slot.</summary>
public sealed class MemoryAssetStateTable<TValue> : IAssetStateTable<TValue>
    where TValue : unmanaged
{
    private TValue[] _values = new TValue[16];

    public int Count => _values.Length;

    public ref TValue this[int asset]
    {
        get
        {
            if ((uint)asset >= (uint)_values.Length)
            {
                Array.Resize(ref _values, Math.Max(asset + 1, _values.Length * 2));
            }

            return ref _values[asset];
        }
    }
}
