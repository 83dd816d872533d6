using FASTER.core;

namespace Dsl.Runtime.State;

/// <summary>FASTER's hashing and equality for <see cref="StateKey"/>, without boxing.</summary>
internal sealed class StateKeyComparer : IFasterEqualityComparer<StateKey>
{
    public long GetHashCode64(ref StateKey k) => (long)k.Hash64();

    public bool Equals(ref StateKey k1, ref StateKey k2) => k1.Equals(k2);
}
