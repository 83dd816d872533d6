using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dsl.Runtime.State;

/// <summary>
/// Per-asset state: a growable array indexed by asset slot. Both stores keep asset tables in
/// memory (their size is bounded by the asset count) and hand out this sealed class, so that an
/// operator's per-record access is a direct, inlinable call. Entries start zeroed, so a value type
/// keeps a flag saying whether it was initialised.
/// </summary>
public sealed class AssetStateTable<TValue> : ISnapshotAssetTable
    where TValue : unmanaged
{
    private TValue[] _values = new TValue[16];

    /// <summary>Number of slots that have storage (every slot below it can be read).</summary>
    public int Count => _values.Length;

    Type ISnapshotAssetTable.ValueType => typeof(TValue);

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

    /// <summary>The asset's entry when it has storage, else a null reference; never grows the table.</summary>
    public ref TValue Find(int asset)
    {
        TValue[] values = _values;
        if ((uint)asset >= (uint)values.Length)
        {
            return ref Unsafe.NullRef<TValue>();
        }

        return ref values[asset];
    }

    void ISnapshotAssetTable.WriteTo(BinaryWriter writer)
    {
        writer.Write(_values.Length);
        writer.Write(MemoryMarshal.AsBytes(_values.AsSpan()));
    }

    void ISnapshotAssetTable.ReadFrom(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        var values = new TValue[Math.Max(16, length)];
        Span<byte> bytes = MemoryMarshal.AsBytes(values.AsSpan(0, length));
        byte[] stored = reader.ReadBytes(bytes.Length);
        if (stored.Length != bytes.Length)
        {
            throw new EndOfStreamException("An asset state table ends early.");
        }

        stored.CopyTo(bytes);

        _values = values;
    }
}
