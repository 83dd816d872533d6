using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Support;

namespace Dsl.Runtime.Tests.Oracles;

/// <summary>
/// Reference for session windows. In arrival order, a valid record is late when it would join an
/// expired session (a session whose end + lateness the latest time had reached) or when the session
/// it would be in (over the accepted records plus it) has end + lateness ≤ the latest time seen
/// before it. Sessions are then cut over all accepted records sorted by (time, arrival).
/// With <c>emit final</c> the result is each of those sessions. Otherwise every session is output
/// whenever it is due: after each record, every session over the records accepted so far whose
/// end the latest time has reached is output again (later outputs of a key replace earlier ones),
/// and at the end of input every session is. So a session that a record accepted within lateness
/// changes after it was due shows its new result, and the output of a session that a later one
/// absorbed (a bridge, a re-cut at the maximum) stays as it was.
/// </summary>
public static class SessionOracle
{
    public static Dictionary<OutputKey, double> Expected(IReadOnlyList<TestRecord> records, long gap, long max, long lateness, bool stampEnd, EmitPolicy emit = EmitPolicy.Final)
    {
        var expected = new Dictionary<OutputKey, double>();
        max = max > 0 ? max : long.MaxValue / 4;
        var latest = new Dictionary<string, long>();
        var accepted = new Dictionary<string, List<(long Time, int Arrival, double Value)>>();
        var expired = new Dictionary<string, (long Start, long Last)>();
        for (int i = 0; i < records.Count; i++)
        {
            TestRecord r = records[i];
            if (r.Point != OracleModel.Power)
            {
                continue;
            }

            bool seen = latest.TryGetValue(r.Asset, out long latestBefore);
            if (OracleModel.PowerRange.Contains(r.Value))
            {
                if (!accepted.TryGetValue(r.Asset, out var list))
                {
                    accepted[r.Asset] = list = [];
                }

                // Sessions that expired before this record, as the runtime closes them in order.
                if (seen)
                {
                    foreach (var s in Sessions(list, gap, max))
                    {
                        if (Math.Min(s.Last + gap, s.Start + max) + lateness <= latestBefore)
                        {
                            expired[r.Asset] = (s.Start, s.Last);
                        }
                    }
                }

                bool late = expired.TryGetValue(r.Asset, out var closed)
                    && (r.Time <= closed.Last || (r.Time - closed.Last < gap && r.Time - closed.Start < max));
                if (!late && seen)
                {
                    var with = list.Append((r.Time, i, r.Value)).Where(m => !expired.ContainsKey(r.Asset) || m.Time > expired[r.Asset].Last).ToList();
                    var mine = Sessions(with, gap, max).First(s => s.Members.Any(m => m.Arrival == i));
                    late = Math.Min(mine.Last + gap, mine.Start + max) + lateness <= latestBefore;
                }

                if (!late)
                {
                    list.Add((r.Time, i, r.Value));
                }
            }

            latest[r.Asset] = seen ? Math.Max(latestBefore, r.Time) : r.Time;
            if (emit != EmitPolicy.Final && accepted.TryGetValue(r.Asset, out var sofar))
            {
                foreach (var s in Sessions(sofar, gap, max))
                {
                    long end = Math.Min(s.Last + gap, s.Start + max);
                    if (end <= latest[r.Asset])
                    {
                        WindowOracle.AddWindow(expected, r.Asset, s.Start, end, s.Members, stampEnd);
                    }
                }
            }
        }

        foreach (var (asset, list) in accepted)
        {
            foreach (var s in Sessions(list, gap, max))
            {
                WindowOracle.AddWindow(expected, asset, s.Start, Math.Min(s.Last + gap, s.Start + max), s.Members, stampEnd);
            }
        }

        return expected;
    }

    private static List<(long Start, long Last, List<(long Time, int Arrival, double Value)> Members)> Sessions(
        IEnumerable<(long Time, int Arrival, double Value)> records, long gap, long max)
    {
        var sorted = records.OrderBy(m => m.Time).ThenBy(m => m.Arrival).ToList();
        var result = new List<(long, long, List<(long, int, double)>)>();
        for (int i = 0; i < sorted.Count;)
        {
            long start = sorted[i].Time;
            var members = new List<(long, int, double)> { sorted[i] };
            int j = i + 1;
            while (j < sorted.Count && sorted[j].Time - sorted[j - 1].Time < gap && sorted[j].Time - start < max)
            {
                members.Add(sorted[j++]);
            }

            result.Add((start, sorted[j - 1].Time, members));
            i = j;
        }

        return result;
    }
}
