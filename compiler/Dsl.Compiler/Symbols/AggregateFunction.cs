namespace Dsl.Compiler.Symbols;

/// <summary>The statistic an aggregate output computes over a window.</summary>
public enum AggregateFunction
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
