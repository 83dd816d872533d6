using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dsl.Runtime.State;

/// <summary>
/// The key of every entry in the FASTER store: the table's id and up to 20 bytes of the table's own
/// blittable key. Fixed size, so FASTER keeps it inline in its log without serialisers.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StateKey : IEquatable<StateKey>
{
    /// <summary>Largest table key that fits beside the table id.</summary>
    public const int PayloadSize = 20;

    public int Table;
    public int A;
    public long B;
    public long C;

    public static StateKey Create<TKey>(int table, TKey key)
        where TKey : unmanaged
    {
        var state = new StateKey { Table = table };
        Unsafe.WriteUnaligned(ref Unsafe.As<int, byte>(ref state.A), key);
        return state;
    }

    public readonly TKey Payload<TKey>()
        where TKey : unmanaged
    {
        StateKey copy = this;
        return Unsafe.ReadUnaligned<TKey>(ref Unsafe.As<int, byte>(ref copy.A));
    }

    public readonly bool Equals(StateKey other) =>
        B == other.B && C == other.C && A == other.A && Table == other.Table;

    public override readonly bool Equals(object? obj) => obj is StateKey other && Equals(other);

    public override readonly int GetHashCode()
    {
        ulong h = Hash64();
        return (int)(h ^ (h >> 32));
    }

    /// <summary>A multiplicative mix of the four words: cheap, and good enough for both hash tables.</summary>
    public readonly ulong Hash64()
    {
        ulong h = ((ulong)(uint)A << 32 | (uint)Table) * 0x9E3779B97F4A7C15UL;
        h ^= (ulong)B * 0xC2B2AE3D27D4EB4FUL;
        h ^= (ulong)C * 0x165667B19E3779F9UL;
        return h ^ (h >> 29);
    }
}
