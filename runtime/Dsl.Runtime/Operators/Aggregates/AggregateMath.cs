using System.Runtime.CompilerServices;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Aggregates;

/// <summary>
/// Final values of the aggregates. NaN means "nothing to emit" (e.g. the variance of one value).
/// </summary>
public static class AggregateMath
{
    /// <summary>
    /// Whether an output over <paramref name="count"/> values has a result to emit: every aggregate
    /// of one value or more (and <c>count</c> of none), but variance and stddev, which need two.
    /// Where it has, a NaN or infinite <see cref="Compute"/> is an invalid result, not an empty one.
    /// </summary>
    public static bool HasResult(AggregateKind kind, long count) => kind switch
    {
        AggregateKind.Count => true,
        AggregateKind.Variance or AggregateKind.StdDev => count >= 2,
        _ => count >= 1,
    };

    public static double Compute(AggregateOutput output, in Moments m, SampleList? samples, TimeWindow window, ref double[] scratch)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (m.Count == 0)
        {
            return output.Kind == AggregateKind.Count ? output.Fill ?? 0 : double.NaN;
        }

        return output.Kind switch
        {
            AggregateKind.Median => samples is null ? double.NaN : Percentile(samples, 50, ref scratch),
            AggregateKind.Percentile => samples is null ? double.NaN : Percentile(samples, output.Percent, ref scratch),
            AggregateKind.Twa => samples is null ? double.NaN : TimeWeightedAverage(samples, window.End),
            AggregateKind.Integral => samples is null ? double.NaN : Integral(samples),
            AggregateKind kind => FromMoments(kind, m),
        };
    }

    /// <summary>
    /// The aggregates that fixed-size moments determine, of a window with at least one value. Generated
    /// head structs call it with a constant kind, so that inlined it is the one expression.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double FromMoments(AggregateKind kind, in Moments m) => kind switch
    {
        AggregateKind.Count => m.Count,
        AggregateKind.Sum => m.Sum,
        AggregateKind.Avg => m.Sum / m.Count,
        AggregateKind.Min => m.Min,
        AggregateKind.Max => m.Max,
        AggregateKind.First => m.First,
        AggregateKind.Last => m.Last,
        AggregateKind.Spread => m.Max - m.Min,
        AggregateKind.Delta => m.Last - m.First,

        // Sample variance (n − 1), as ASA's VAR/STDEV and Flink's VAR_SAMP/STDDEV_SAMP.
        AggregateKind.Variance => m.Count < 2 ? double.NaN : NoNegativeNoise(m.M2 / (m.Count - 1)),
        AggregateKind.StdDev => m.Count < 2 ? double.NaN : Math.Sqrt(NoNegativeNoise(m.M2 / (m.Count - 1))),
        _ => double.NaN,
    };

    /// <summary>
    /// A variance that rounding left just below zero is zero. An infinite one is not noise: values
    /// that far apart overflowed the sum of squares, and the result stays invalid.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double NoNegativeNoise(double variance) => variance < 0 && double.IsFinite(variance) ? 0 : variance;

    /// <summary>Linear interpolation between closest ranks (rank = p/100·(n−1)), as PERCENTILE_CONT.</summary>
    public static double Percentile(SampleList samples, double percent, ref double[] scratch)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int n = samples.CopyValuesTo(ref scratch);
        if (n == 0)
        {
            return double.NaN;
        }

        Array.Sort(scratch, 0, n);
        double rank = Math.Clamp(percent, 0, 100) / 100 * (n - 1);
        int lower = (int)Math.Floor(rank);
        int upper = Math.Min(lower + 1, n - 1);
        double fraction = rank - lower;
        return fraction == 0 ? scratch[lower] : scratch[lower] + ((scratch[upper] - scratch[lower]) * fraction);
    }

    /// <summary>
    /// Previous-value hold from the first sample of the window to the window end: each value counts
    /// until the next sample, the last until the end. Time before the first sample is not covered.
    /// </summary>
    public static double TimeWeightedAverage(SampleList samples, long end)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int n = samples.Count;
        double weighted = 0;
        for (int i = 0; i < n; i++)
        {
            long until = i + 1 < n ? samples.TimeAt(i + 1) : Math.Max(end, samples.TimeAt(i));
            weighted += samples.ValueAt(i) * (until - samples.TimeAt(i));
        }

        long span = Math.Max(end, samples.TimeAt(n - 1)) - samples.TimeAt(0);
        return span == 0 ? samples.ValueAt(n - 1) : weighted / span;
    }

    /// <summary>Trapezoid integral between consecutive samples, value·hours; nothing is extrapolated to the window edges.</summary>
    public static double Integral(SampleList samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        double sum = 0;
        for (int i = 1; i < samples.Count; i++)
        {
            sum += (samples.ValueAt(i - 1) + samples.ValueAt(i)) / 2 * Durations.ToHours(samples.TimeAt(i) - samples.TimeAt(i - 1));
        }

        return sum;
    }
}
