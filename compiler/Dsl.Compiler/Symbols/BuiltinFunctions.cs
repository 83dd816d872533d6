using System.Collections.Immutable;

namespace Dsl.Compiler.Symbols;

/// <summary>The built-in functions of the language, by category, with their editor docs.</summary>
public static class BuiltinFunctions
{
    private const int Many = int.MaxValue;

    public static ImmutableArray<FunctionSymbol> Scalar { get; } =
    [
        Make("abs", ScalarFunction.Abs, "abs(x) → type of x", "The absolute value of x.", 1, 1),
        Make("sqrt", ScalarFunction.Sqrt, "sqrt(x) → double", "The square root of x (NaN for a negative x).", 1, 1),
        Make("exp", ScalarFunction.Exp, "exp(x) → double", "e raised to the power x.", 1, 1),
        Make("ln", ScalarFunction.Ln, "ln(x) → double", "The natural logarithm of x.", 1, 1),
        Make("log10", ScalarFunction.Log10, "log10(x) → double", "The base-10 logarithm of x.", 1, 1),
        Make("pow", ScalarFunction.Pow, "pow(x, y) → double", "x raised to the power y (the same as x ^ y).", 2, 2),
        Make("min", ScalarFunction.Min, "min(a, b, …) → widest type of the arguments", "The smallest of its arguments.", 2, Many),
        Make("max", ScalarFunction.Max, "max(a, b, …) → widest type of the arguments", "The largest of its arguments.", 2, Many),
        Make("clamp", ScalarFunction.Clamp, "clamp(x, low, high) → widest type of the arguments", "x limited to the range [low, high].", 3, 3),
        Make("round", ScalarFunction.Round, "round(x, digits?) → double", "x rounded to the given number of decimal digits (default 0).", 1, 2),
        Make("floor", ScalarFunction.Floor, "floor(x) → double", "The largest whole number not greater than x.", 1, 1),
        Make("ceil", ScalarFunction.Ceil, "ceil(x) → double", "The smallest whole number not less than x.", 1, 1),
        Make("sign", ScalarFunction.Sign, "sign(x) → int", "-1, 0 or 1 as x is negative, zero or positive.", 1, 1),
        Make("coalesce", ScalarFunction.Coalesce, "coalesce(a, b, …) → type of the arguments", "The first of its arguments that is not missing.", 2, Many),
        Make("isnan", ScalarFunction.IsNan, "isnan(x) → bool", "Whether x is NaN (the result of invalid math).", 1, 1),
    ];

    public static ImmutableArray<FunctionSymbol> History { get; } =
    [
        Make("prev", HistoryFunction.Prev, "prev(P) → type of P", "The previous value of point P (merge rules only).", 1, 1),
        Make("age", HistoryFunction.Age, "age(P) → double", "Seconds since the latest value of point P, at the evaluation time (merge rules only).", 1, 1),
        Make("delta", HistoryFunction.Delta, "delta(P) → type of P", "P - prev(P): the change of point P since its previous value (merge rules only).", 1, 1),
        Make("rate", HistoryFunction.Rate, "rate(P) → double", "delta(P) per hour between the previous and the latest value of P (merge rules only).", 1, 1),
    ];

    public static ImmutableArray<FunctionSymbol> Time { get; } =
    [
        Make("hour", TimeFunction.Hour, "hour() → int", "The hour (0-23) of the evaluation time in the asset's time zone.", 0, 0),
        Make("minute", TimeFunction.Minute, "minute() → int", "The minute (0-59) of the evaluation time in the asset's time zone.", 0, 0),
        Make("weekday", TimeFunction.Weekday, "weekday() → int", "The weekday of the evaluation time in the asset's time zone.", 0, 0),
        Make("day", TimeFunction.Day, "day() → int", "The day of the month (1-31) of the evaluation time in the asset's time zone.", 0, 0),
        Make("month", TimeFunction.Month, "month() → int", "The month (1-12) of the evaluation time in the asset's time zone.", 0, 0),
        Make("year", TimeFunction.Year, "year() → int", "The year of the evaluation time in the asset's time zone.", 0, 0),
    ];

    public static ImmutableArray<FunctionSymbol> Aggregate { get; } =
    [
        Make("count", AggregateFunction.Count, "count(x) → long", "The number of records in the window (with fill N, empty windows emit N).", 1, 1),
        Make("sum", AggregateFunction.Sum, "sum(x) → long for int/long, double otherwise", "The sum of the values in the window.", 1, 1),
        Make("avg", AggregateFunction.Avg, "avg(x) → double", "The arithmetic mean of the values in the window.", 1, 1),
        Make("min", AggregateFunction.Min, "min(x) → type of x", "The smallest value in the window.", 1, 1),
        Make("max", AggregateFunction.Max, "max(x) → type of x", "The largest value in the window.", 1, 1),
        Make("first", AggregateFunction.First, "first(x) → type of x", "The value with the earliest event time in the window (ties by arrival).", 1, 1),
        Make("last", AggregateFunction.Last, "last(x) → type of x", "The value with the latest event time in the window (ties by arrival).", 1, 1),
        Make("stddev", AggregateFunction.StdDev, "stddev(x) → double", "The standard deviation of the values in the window (the square root of variance).", 1, 1),
        Make("variance", AggregateFunction.Variance, "variance(x) → double", "The variance of the values in the window.", 1, 1),
        Make("median", AggregateFunction.Median, "median(x) → double", "The middle value of the sorted values in the window.", 1, 1),
        Make("percentile", AggregateFunction.Percentile, "percentile(x, p) → double", "The p-th percentile of the values in the window; p is a constant from 0 to 100.", 2, 2),
        Make("spread", AggregateFunction.Spread, "spread(x) → long for int/long, double otherwise", "max(x) - min(x) over the window.", 1, 1),
        Make("delta", AggregateFunction.Delta, "delta(x) → long for int/long, double otherwise", "last(x) - first(x) over the window.", 1, 1),
        Make("twa", AggregateFunction.Twa, "twa(x) → double", "The time-weighted average of the window, each value held until the next.", 1, 1),
        Make("integral", AggregateFunction.Integral, "integral(x) → double", "The trapezoid time integral over the window, in value·hours.", 1, 1),
    ];

    /// <summary>Functions usable inside expressions (scalar, history and time), by name.</summary>
    public static IReadOnlyDictionary<string, FunctionSymbol> ExpressionFunctions { get; } =
        Scalar.Concat(History).Concat(Time).ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Aggregate functions, by name.</summary>
    public static IReadOnlyDictionary<string, FunctionSymbol> AggregateFunctions { get; } =
        Aggregate.ToDictionary(f => f.Name, StringComparer.Ordinal);

    private static FunctionSymbol Make(string name, Enum function, string signature, string documentation, int min, int max)
    {
        var category = function switch
        {
            HistoryFunction => FunctionCategory.History,
            TimeFunction => FunctionCategory.Time,
            AggregateFunction => FunctionCategory.Aggregate,
            _ => FunctionCategory.Scalar,
        };
        return new FunctionSymbol(name, category, function, signature, documentation, min, max);
    }
}
