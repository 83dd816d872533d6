namespace Dsl.Runtime.State;

/// <summary>How much memory a durable state store may use; state beyond it lives on disk.</summary>
/// <param name="MemoryBudgetBytes">
/// Roughly the store's memory: half for the cache of live entries, three eighths for FASTER's
/// in-memory log (rounded down to a power of two) and at most a thirty-second for its hash index
/// (64 MB at most: a million buckets, enough for millions of keys; every checkpoint writes it whole).
/// </param>
public sealed record StateStoreOptions(long MemoryBudgetBytes = StateStoreOptions.DefaultMemoryBudget)
{
    public const long DefaultMemoryBudget = 256L << 20;

    /// <summary>The smallest budget FASTER can be configured with.</summary>
    public const long MinimumMemoryBudget = 1L << 20;

    /// <summary>Approximate bytes per cached entry: key, value, flags and the index's entry.</summary>
    internal const int CacheEntryBytes = 144;

    internal long IndexBytes => Math.Clamp(FloorPow2(Budget / 32), 1L << 16, 1L << 26);

    internal long LogMemoryBytes => Math.Max(FloorPow2(Budget * 3 / 8), 1L << 18);

    internal long PageBytes => Math.Clamp(FloorPow2(LogMemoryBytes / 16), 1L << 12, 1L << 22);

    /// <summary>
    /// The size of the log's files on disk: a quarter of the budget (256 KB to 1 GB), so that a
    /// compaction frees space in steps small against the state.
    /// </summary>
    internal long SegmentBytes => Math.Clamp(FloorPow2(Budget / 4), 1L << 18, 1L << 30);

    internal int CacheEntries => (int)Math.Clamp(Budget / 2 / CacheEntryBytes, 256, int.MaxValue / 2);

    private long Budget => Math.Max(MemoryBudgetBytes, MinimumMemoryBudget);

    private static long FloorPow2(long value) => value <= 1 ? 1 : 1L << (63 - (int)long.LeadingZeroCount(value));
}
