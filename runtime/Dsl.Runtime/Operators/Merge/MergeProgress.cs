namespace Dsl.Runtime.Operators.Merge;

/// <summary>Blittable per-asset progress of an <c>every</c> merge.</summary>
public struct MergeProgress
{
    public bool Seen;

    /// <summary>Latest event time over all the block's inputs for the asset.</summary>
    public long Latest;

    /// <summary>The next grid time to evaluate.</summary>
    public long NextGrid;

    public long NextGridEnd;
}
