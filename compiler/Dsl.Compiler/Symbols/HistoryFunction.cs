namespace Dsl.Compiler.Symbols;

/// <summary>Functions over the history of one point, available in merge rules.</summary>
public enum HistoryFunction
{
    /// <summary>The point's previous value.</summary>
    Prev,

    /// <summary>Seconds between the point's latest value and the evaluation time.</summary>
    Age,

    /// <summary><c>P - prev(P)</c>.</summary>
    Delta,

    /// <summary><c>delta(P)</c> per hour.</summary>
    Rate,
}
