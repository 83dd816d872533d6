namespace Dsl.Runtime.Operators;

/// <summary>How a generated expression evaluation ended.</summary>
public enum EvalStatus : byte
{
    /// <summary>A value was produced (it may still be NaN or infinite; the operator checks).</summary>
    Ok,

    /// <summary>A <c>where</c> filter rejected the record for this output.</summary>
    Filtered,

    /// <summary>A point value was missing (never seen or older than <c>hold</c>); counted <c>skipped_missing</c>.</summary>
    Missing,

    /// <summary>An attribute had no value and no default: the rule skips the asset; counted <c>skipped_attribute</c>.</summary>
    MissingAttribute,
}
