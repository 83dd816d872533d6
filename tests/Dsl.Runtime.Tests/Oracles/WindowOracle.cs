using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Support;

namespace Dsl.Runtime.Tests.Oracles;

/// <summary>
/// Reference for tumbling, hopping and calendar windows: replay the arrival order only to decide
/// acceptance by the lateness rule, then group the accepted records by window and compute every
/// aggregate from its definition.
/// </summary>
public static class WindowOracle
{
    public static Dictionary<OutputKey, double> Expected(IReadOnlyList<TestRecord> records, OracleWindow window, long lateness, bool stampEnd)
    {
        var latest = new Dictionary<string, long>();
        var firstTime = new Dictionary<string, long>();
        var members = new Dictionary<(string Asset, long Start, long End), List<(long Time, int Arrival, double Value)>>();
        for (int i = 0; i < records.Count; i++)
        {
            TestRecord r = records[i];
            if (r.Point != OracleModel.Power)
            {
                continue;
            }

            bool seen = latest.TryGetValue(r.Asset, out long latestBefore);
            firstTime.TryAdd(r.Asset, r.Time);
            if (OracleModel.PowerRange.Contains(r.Value))
            {
                foreach (var (start, end) in window.Containing(r.Time, OracleAssets.Zone(r.Asset)))
                {
                    if (seen && latestBefore >= end + lateness)
                    {
                        continue;
                    }

                    var key = (r.Asset, start, end);
                    if (!members.TryGetValue(key, out var list))
                    {
                        members[key] = list = [];
                    }

                    list.Add((r.Time, i, r.Value));
                }
            }

            latest[r.Asset] = seen ? Math.Max(latestBefore, r.Time) : r.Time;
        }

        var expected = new Dictionary<OutputKey, double>();
        foreach (var ((asset, start, end), list) in members)
        {
            var sorted = list.OrderBy(m => m.Time).ThenBy(m => m.Arrival).ToList();
            AddWindow(expected, asset, start, end, sorted, stampEnd);
        }

        // count(…) fill N: every window from the first record's to the one holding the last time.
        int fillIndex = OracleModel.Aggregates.ToList().FindIndex(a => a.Fill is not null);
        foreach (var (asset, first) in firstTime)
        {
            TimeZoneInfo zone = OracleAssets.Zone(asset);
            for (var w = window.Containing(first, zone)[0]; w.Start <= latest[asset]; w = window.Next(w, zone))
            {
                expected.TryAdd(new OutputKey(asset, OracleModel.Aggregates[fillIndex].Point, stampEnd ? w.End : w.Start), OracleModel.Aggregates[fillIndex].Fill ?? 0);
            }
        }

        return expected;
    }

    /// <summary>Adds the outputs of one window (or session) from its records sorted by (time, arrival).</summary>
    public static void AddWindow(Dictionary<OutputKey, double> expected, string asset, long start, long end, IReadOnlyList<(long Time, int Arrival, double Value)> sorted, bool stampEnd)
    {
        double? rated = OracleAssets.Rated(asset);
        for (int o = 0; o < OracleModel.Aggregates.Count; o++)
        {
            AggregateOutput output = OracleModel.Aggregates[o];
            var samples = new List<(long, double)>();
            foreach (var m in sorted)
            {
                switch (o)
                {
                    case 15 when m.Value < 1000:
                    case 16 when m.Value < 2000:
                    case 17 when rated is null:
                        break;
                    case 17:
                        samples.Add((m.Time, m.Value / rated.GetValueOrDefault()));
                        break;
                    default:
                        samples.Add((m.Time, m.Value));
                        break;
                }
            }

            double value = samples.Count == 0
                ? output.Fill ?? double.NaN
                : AggregateFormulas.Compute(output.Kind, output.Percent, samples, end);
            if (double.IsFinite(value))
            {
                expected[new OutputKey(asset, output.Point, stampEnd ? end : start)] = value;
            }
        }
    }
}
