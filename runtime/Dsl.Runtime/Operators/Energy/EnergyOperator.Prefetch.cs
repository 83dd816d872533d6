using System.Runtime.CompilerServices;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// Hints from the generated batch loop, which sees the records to come: start loading the state a
/// record of an asset will touch before the record's turn, so that the misses of many records
/// overlap. They change no result, and compile to nothing where prefetching is not available.
/// Only a rule with <c>split</c> calls them: the others' in-order readings touch only their heads,
/// which are dense and few enough to stay cached (prefetching them made the loop slower).
/// </summary>
public sealed partial class EnergyOperator<TParams>
{
    /// <summary>
    /// A record of the asset comes some records later in the batch: start loading its state. The
    /// loop calls this further ahead than <see cref="PrefetchTails"/>, which reads the addresses it
    /// prefetches from the state.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchState(int asset)
    {
        if (Prefetch.IsSupported && Find(asset) is { } state)
        {
            state.PrefetchFields();
        }
    }

    /// <summary>The second step of <see cref="PrefetchState"/>: where the asset's next in-order reading writes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchTails(int asset)
    {
        if (Prefetch.IsSupported && Find(asset) is { } state)
        {
            state.PrefetchTails();
        }
    }

    /// <summary>The times of the asset's horizon, in order (for tests: what is kept, and when it goes).</summary>
    internal long[] HorizonTimes(int asset)
    {
        ReturnHead(asset);
        return Find(asset)?.Times(_log) ?? [];
    }

    /// <summary>Whether the asset's horizon is in the log (for tests).</summary>
    internal bool InLog(int asset)
    {
        ReturnHead(asset);
        return Find(asset) is { InLog: true };
    }

    /// <summary>The log of in-order horizons; null with split (for tests).</summary>
    internal ReadingLog? Log => _log;

    /// <summary>The asset's state, or null before its first record (also for tests: what is kept, and when it goes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal EnergyAssetState? Find(int asset)
    {
        EnergyAssetState?[] assets = _assets;
        return (uint)asset < (uint)assets.Length ? assets[asset] : null;
    }
}
