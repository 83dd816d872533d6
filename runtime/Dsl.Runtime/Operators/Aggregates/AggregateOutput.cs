namespace Dsl.Runtime.Operators.Aggregates;

/// <summary>One output of an aggregate block: the point it writes and the function that computes it.</summary>
/// <param name="Point">Output point slot.</param>
/// <param name="Percent">For <see cref="AggregateKind.Percentile"/>: p in [0, 100].</param>
/// <param name="FillZero"><c>count(P) fill 0</c>: empty windows emit 0.</param>
public sealed record AggregateOutput(int Point, AggregateKind Kind, double Percent = 0, bool FillZero = false)
{
    /// <summary>Aggregates that need every sample rather than fixed-size moments.</summary>
    public bool NeedsSamples => Kind is AggregateKind.Median or AggregateKind.Percentile or AggregateKind.Twa or AggregateKind.Integral;
}
