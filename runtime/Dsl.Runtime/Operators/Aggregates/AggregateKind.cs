namespace Dsl.Runtime.Operators.Aggregates;

/// <summary>The aggregate functions of <c>aggregate</c> rules.</summary>
public enum AggregateKind : byte
{
    Count,
    Sum,
    Avg,
    Min,
    Max,
    First,
    Last,
    StdDev,
    Variance,
    Median,
    Percentile,
    Spread,
    Delta,
    Twa,
    Integral,
}
