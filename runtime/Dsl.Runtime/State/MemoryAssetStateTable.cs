using System.Runtime.InteropServices;

namespace Dsl.Runtime.State;

/// <summary>In-memory per-asset state: a growable array indexed by asset slot.</summary>
public sealed class MemoryAssetStateTable<TValue> : IAssetStateTable<TValue>, ISnapshotAssetTable
    where TValue : unmanaged
{
    private TValue[] _values = new TValue[16];

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
