namespace Dsl.Runtime.Operators.Energy;

/// <summary>What a power sample outside the rule's <c>range</c> becomes.</summary>
public enum MissingPolicy : byte
{
    /// <summary>The last valid power (EnOS "LastValue"); dropped while there is none.</summary>
    Last,

    /// <summary>Dropped: the next step spans from the previous valid sample (EnOS "Ignore").</summary>
    Ignore,
}
