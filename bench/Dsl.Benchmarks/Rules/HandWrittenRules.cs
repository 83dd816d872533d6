using Dsl.Runtime.Records;
using Dsl.Runtime.Sinks;

namespace Dsl.Benchmarks.Rules;

/// <summary>
/// The ceiling: each rule as a .NET developer would write it for speed, with flat per-asset arrays.
/// Same results as the compiled jobs for in-order-per-asset input (checked by <c>--smoke</c>),
/// delivered as the job delivers them: an <see cref="OutputRecord"/> per result, written to the
/// same kind of sink through the same interface.
/// </summary>
public static class HandWrittenRules
{
    public static Totals Run(RuleKind kind, RuleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var sink = new CountingSink();
        switch (kind)
        {
            case RuleKind.Aggregate:
                Aggregate(input, sink);
                break;
            case RuleKind.Merge:
                Merge(input, sink);
                break;
            case RuleKind.PowerEnergy:
                PowerEnergy(input, sink);
                break;
            default:
                Energy(input, sink);
                break;
        }

        return sink.Totals;
    }

    /// <summary>Tumbling 10-minute avg, max, min and count of active power; a window closes when a later one starts.</summary>
    private static void Aggregate(RuleInput input, IOutputSink sink)
    {
        var points = new AggregatePoints(input.Output("PowerAvg10m"), input.Output("PowerMax10m"), input.Output("PowerMin10m"), input.Output("Samples10m"));
        int n = input.AssetCount;
        var start = new long[n];
        var count = new long[n];
        var sum = new double[n];
        var min = new double[n];
        var max = new double[n];
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
                Close(sink, points, a, start[a], count[a], sum[a], min[a], max[a]);
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
                Close(sink, points, a, start[a], count[a], sum[a], min[a], max[a]);
            }
        }
    }

    private static void Close(IOutputSink sink, AggregatePoints points, int asset, long start, long count, double sum, double min, double max)
    {
        sink.Write(new OutputRecord(asset, points.Avg, start, sum / count, null, CalMode.Ontime));
        sink.Write(new OutputRecord(asset, points.Max, start, max, null, CalMode.Ontime));
        sink.Write(new OutputRecord(asset, points.Min, start, min, null, CalMode.Ontime));
        sink.Write(new OutputRecord(asset, points.Count, start, count, null, CalMode.Ontime));
    }

    /// <summary>Apparent power at each active-power sample from the latest reactive power at most 10 minutes old.</summary>
    private static void Merge(RuleInput input, IOutputSink sink)
    {
        int apparent = input.Output("ApparentPower");
        int n = input.AssetCount;
        var reactiveTime = new long[n];
        var reactive = new double[n];
        var seen = new bool[n];
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
                sink.Write(new OutputRecord(a, apparent, r.Time, Math.Sqrt((r.Value * r.Value) + (reactive[a] * reactive[a])), null, CalMode.Ontime));
            }
        }
    }

    /// <summary>Daily energy: each register step counts in the day of the reading that ends it.</summary>
    private static void Energy(RuleInput input, IOutputSink sink)
    {
        int daily = input.Output("DailyEnergy");
        int n = input.AssetCount;
        var previous = new double[n];
        var day = new long[n];
        var dayTotal = new double[n];
        var seen = new bool[n];
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
                    sink.Write(new OutputRecord(a, daily, day[a], dayTotal[a], null, CalMode.Ontime));
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
                sink.Write(new OutputRecord(a, daily, day[a], dayTotal[a], null, CalMode.Ontime));
            }
        }
    }

    /// <summary>
    /// Daily energy from active power: the trapezoid between consecutive samples, in the day of the
    /// sample that ends it. <see cref="Energy"/>'s loop with another step, written out again: a
    /// ceiling is the plainest loop, with nothing shared that the JIT might compile less well.
    /// </summary>
    private static void PowerEnergy(RuleInput input, IOutputSink sink)
    {
        int daily = input.Output("DailyEnergy");
        int n = input.AssetCount;
        var previousTime = new long[n];
        var previous = new double[n];
        var day = new long[n];
        var dayTotal = new double[n];
        var seen = new bool[n];
        int point = input.ActivePower;
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
                    sink.Write(new OutputRecord(a, daily, day[a], dayTotal[a], null, CalMode.Ontime));
                    day[a] = d;
                    dayTotal[a] = 0;
                }

                dayTotal[a] += (previous[a] + r.Value) / 2 * ((r.Time - previousTime[a]) / (double)RuleJobs.HourMs);
            }

            previousTime[a] = r.Time;
            previous[a] = r.Value;
        }

        for (int a = 0; a < n; a++)
        {
            if (seen[a])
            {
                sink.Write(new OutputRecord(a, daily, day[a], dayTotal[a], null, CalMode.Ontime));
            }
        }
    }

    private readonly record struct AggregatePoints(int Avg, int Max, int Min, int Count);
}
