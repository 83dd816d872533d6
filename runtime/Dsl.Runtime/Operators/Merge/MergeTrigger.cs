namespace Dsl.Runtime.Operators.Merge;

public enum MergeTrigger : byte
{
    /// <summary><c>on P</c>: each valid record of the trigger input.</summary>
    OnPoint,

    /// <summary><c>every D</c>: each grid time once the asset's event time has passed it.</summary>
    Every,
}
