namespace Dsl.Runtime.Operators.Aggregates;

/// <summary>One output of an aggregate block: the point it writes and the function that computes it.</summary>
/// <param name="Point">Output point slot.</param>
/// <param name="Percent">For <see cref="AggregateKind.Percentile"/>: p in [0, 100].</param>
/// <param name="Fill"><c>count(P) fill N</c>: what an empty window emits (null: nothing).</param>
public sealed record AggregateOutput(int Point, AggregateKind Kind, double Percent = 0, double? Fill = null)
{
    /// <summary>Aggregates that need every sample rather than fixed-size moments.</summary>
    public bool NeedsSamples => Kind is AggregateKind.Median or AggregateKind.Percentile or AggregateKind.Twa or AggregateKind.Integral;
}
