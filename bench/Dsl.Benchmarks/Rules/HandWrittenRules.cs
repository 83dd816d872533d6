using Dsl.Runtime.Records;

namespace Dsl.Benchmarks.Rules;

/// <summary>
/// The ceiling: each rule as a .NET developer would write it for speed, with flat per-asset arrays.
/// Same results as the compiled jobs for in-order-per-asset input (checked by <c>--smoke</c>).
/// </summary>
public static class HandWrittenRules
{
    public static Totals Run(RuleKind kind, RuleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return kind switch
        {
            RuleKind.Aggregate => Aggregate(input),
            RuleKind.Merge => Merge(input),
            _ => Energy(input),
        };
    }

    /// <summary>Tumbling 10-minute avg, max, min and count of active power; a window closes when a later one starts.</summary>
    private static Totals Aggregate(RuleInput input)
    {
        int n = input.AssetCount;
        var start = new long[n];
        var count = new long[n];
        var sum = new double[n];
        var min = new double[n];
        var max = new double[n];
        long outputs = 0;
        double total = 0;
        int point = input.ActivePower;
        foreach (ref readonly InputRecord r in input.Records.AsSpan())
        {
            if (r.Point != point)
            {
                continue;
            }

            int a = r.Asset;
            long window = r.Time - (r.Time % RuleJobs.WindowMs);
            if (count[a] > 0 && window != start[a])
            {
                total += Close(count[a], sum[a], min[a], max[a]);
                outputs += 4;
                count[a] = 0;
            }

            if (count[a] == 0)
            {
                start[a] = window;
                sum[a] = 0;
                min[a] = max[a] = r.Value;
            }

            count[a]++;
            sum[a] += r.Value;
            min[a] = Math.Min(min[a], r.Value);
            max[a] = Math.Max(max[a], r.Value);
        }

        for (int a = 0; a < n; a++)
        {
            if (count[a] > 0)
            {
                total += Close(count[a], sum[a], min[a], max[a]);
                outputs += 4;
            }
        }

        return new Totals(outputs, total);
    }

    private static double Close(long count, double sum, double min, double max) => (sum / count) + max + min + count;

    /// <summary>Apparent power at each active-power sample from the latest reactive power at most 10 minutes old.</summary>
    private static Totals Merge(RuleInput input)
    {
        int n = input.AssetCount;
        var reactiveTime = new long[n];
        var reactive = new double[n];
        var seen = new bool[n];
        long outputs = 0;
        double total = 0;
        foreach (ref readonly InputRecord r in input.Records.AsSpan())
        {
            int a = r.Asset;
            if (r.Point == input.ReactivePower)
            {
                seen[a] = true;
                reactiveTime[a] = r.Time;
                reactive[a] = r.Value;
            }
            else if (r.Point == input.ActivePower && seen[a] && r.Time - reactiveTime[a] <= RuleJobs.HoldMs)
            {
                total += Math.Sqrt((r.Value * r.Value) + (reactive[a] * reactive[a]));
                outputs++;
            }
        }

        return new Totals(outputs, total);
    }

    /// <summary>Daily energy: each register step counts in the day of the reading that ends it.</summary>
    private static Totals Energy(RuleInput input)
    {
        int n = input.AssetCount;
        var previous = new double[n];
        var day = new long[n];
        var dayTotal = new double[n];
        var seen = new bool[n];
        long outputs = 0;
        double total = 0;
        int point = input.Energy;
        foreach (ref readonly InputRecord r in input.Records.AsSpan())
        {
            if (r.Point != point)
            {
                continue;
            }

            int a = r.Asset;
            long d = r.Time - (r.Time % RuleJobs.DayMs);
            if (!seen[a])
            {
                seen[a] = true;
                day[a] = d;
            }
            else
            {
                if (d != day[a])
                {
                    total += dayTotal[a];
                    outputs++;
                    day[a] = d;
                    dayTotal[a] = 0;
                }

                dayTotal[a] += r.Value - previous[a];
            }

            previous[a] = r.Value;
        }

        for (int a = 0; a < n; a++)
        {
            if (seen[a])
            {
                total += dayTotal[a];
                outputs++;
            }
        }

        return new Totals(outputs, total);
    }
}
