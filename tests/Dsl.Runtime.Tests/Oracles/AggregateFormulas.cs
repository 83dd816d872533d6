using Dsl.Runtime.Operators.Aggregates;

namespace Dsl.Runtime.Tests.Oracles;

/// <summary>Each aggregate computed directly from its definition over samples sorted by (time, arrival).</summary>
public static class AggregateFormulas
{
    public static double Compute(AggregateKind kind, double percent, IReadOnlyList<(long Time, double Value)> sorted, long windowEnd)
    {
        int n = sorted.Count;
        var values = sorted.Select(s => s.Value).ToList();
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        double mean = sum / n;
        double squares = 0;
        foreach (double v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        switch (kind)
        {
            case AggregateKind.Count: return n;
            case AggregateKind.Sum: return sum;
            case AggregateKind.Avg: return mean;
            case AggregateKind.Min: return values.Min();
            case AggregateKind.Max: return values.Max();
            case AggregateKind.First: return values[0];
            case AggregateKind.Last: return values[n - 1];
            case AggregateKind.Variance: return n < 2 ? double.NaN : squares / (n - 1);
            case AggregateKind.StdDev: return n < 2 ? double.NaN : Math.Sqrt(squares / (n - 1));
            case AggregateKind.Median: return Percentile(values, 50);
            case AggregateKind.Percentile: return Percentile(values, percent);
            case AggregateKind.Spread: return values.Max() - values.Min();
            case AggregateKind.Delta: return values[n - 1] - values[0];
            case AggregateKind.Twa:
            {
                double weighted = 0;
                for (int i = 0; i < n; i++)
                {
                    long until = i + 1 < n ? sorted[i + 1].Time : windowEnd;
                    weighted += sorted[i].Value * (until - sorted[i].Time);
                }

                return weighted / (windowEnd - sorted[0].Time);
            }

            case AggregateKind.Integral:
            {
                double area = 0;
                for (int i = 1; i < n; i++)
                {
                    area += (sorted[i - 1].Value + sorted[i].Value) / 2 * (sorted[i].Time - sorted[i - 1].Time) / 3_600_000.0;
                }

                return area;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static double Percentile(List<double> values, double percent)
    {
        var sorted = values.OrderBy(v => v).ToList();
        double rank = percent / 100 * (sorted.Count - 1);
        int lower = (int)Math.Floor(rank);
        int upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (rank - lower));
    }
}
