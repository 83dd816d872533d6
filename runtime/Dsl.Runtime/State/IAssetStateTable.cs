namespace Dsl.Runtime.State;

/// <summary>
/// Per-asset state indexed by dense asset slot. Entries start zeroed, so a value type keeps a
/// flag saying whether it was initialised.
/// </summary>
public interface IAssetStateTable<TValue>
    where TValue : unmanaged
{
    /// <summary>Number of slots that have storage (every slot below it can be read).</summary>
    int Count { get; }

    ref TValue this[int asset] { get; }
}
