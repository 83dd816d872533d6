namespace Dsl.Compiler.Symbols;

/// <summary>Where a built-in function may be used.</summary>
public enum FunctionCategory
{
    /// <summary>Math on values, anywhere an expression is allowed.</summary>
    Scalar,

    /// <summary><c>prev age delta rate</c>: the history of a point, in merge rules.</summary>
    History,

    /// <summary><c>hour() … year()</c>: the evaluation time in the asset's time zone.</summary>
    Time,

    /// <summary>The function of an aggregate output, over the records of a window.</summary>
    Aggregate,
}
