namespace Dsl.Compiler.Symbols;

/// <summary>Rules of the aggregate functions shared by the binder and the editor.</summary>
public static class AggregateFunctionFacts
{
    /// <summary>
    /// Whether an output of the function may have a <c>fill</c>, the value it writes for a window
    /// without records: only a count's, which is how "no data" is told from a count of zero.
    /// </summary>
    public static bool TakesFill(this AggregateFunction function) => function == AggregateFunction.Count;
}
