namespace Dsl.Runtime.Records;

/// <summary>Why an output was emitted; written to <c>attr.calMode</c>.</summary>
public enum CalMode : byte
{
    /// <summary>Merge results and other outputs that are emitted once as they are computed.</summary>
    Ontime,
    Early,
    Update,
    Final,
}
