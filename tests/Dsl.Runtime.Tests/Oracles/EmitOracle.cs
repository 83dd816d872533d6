using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Support;

namespace Dsl.Runtime.Tests.Oracles;

/// <summary>
/// Reference for what a tumbling, hopping or calendar window writes and when, by emit policy: the
/// sequence of results (mode and value) of each window, in arrival order, from the rules of
/// runtime.md section 4 alone. <see cref="WindowOracle"/> checks the last value of each window;
/// this checks every result before it. The outputs followed are <c>count(Power)</c> and
/// <c>sum(Power)</c>, which have no <c>where</c> and no <c>fill</c>.
/// </summary>
public static class EmitOracle
{
    public static int CountPoint { get; } = OracleModel.FirstAggregateOutput + OracleModel.Aggregates.ToList().FindIndex(a => a.Kind == Operators.Aggregates.AggregateKind.Count && a.Fill is null);

    public static int SumPoint { get; } = OracleModel.FirstAggregateOutput + OracleModel.Aggregates.ToList().FindIndex(a => a.Kind == Operators.Aggregates.AggregateKind.Sum);

    public static Dictionary<OutputKey, List<(CalMode Mode, double Value)>> Expected(
        IReadOnlyList<TestRecord> records, OracleWindow window, long lateness, EmitPolicy emit, long earlyEvery)
    {
        var expected = new Dictionary<OutputKey, List<(CalMode, double)>>();
        var latest = new Dictionary<string, long>();
        var windows = new Dictionary<(string Asset, long Start), Window>();

        void Write(string asset, Window w, CalMode mode)
        {
            foreach (var (point, value) in new[] { (CountPoint, (double)w.Values.Count), (SumPoint, w.Values.Sum()) })
            {
                var key = new OutputKey(asset, point, w.Start);
                if (!expected.TryGetValue(key, out var list))
                {
                    expected[key] = list = [];
                }

                list.Add((mode, value));
            }
        }

        foreach (TestRecord r in records)
        {
            if (r.Point != OracleModel.Power)
            {
                continue;
            }

            bool seen = latest.TryGetValue(r.Asset, out long before);
            long after = seen ? Math.Max(before, r.Time) : r.Time;
            TimeZoneInfo zone = OracleAssets.Zone(r.Asset);
            var added = new HashSet<long>();
            var hadValue = new HashSet<long>();
            if (OracleModel.PowerRange.Contains(r.Value))
            {
                foreach (var (start, end) in window.Containing(r.Time, zone))
                {
                    if (seen && before >= end + lateness)
                    {
                        continue; // late: the window has expired
                    }

                    if (!windows.TryGetValue((r.Asset, start), out Window? w))
                    {
                        windows[(r.Asset, start)] = w = new Window(start, end);
                    }

                    if (w.Values.Count > 0)
                    {
                        hadValue.Add(start);
                    }

                    w.Values.Add(r.Value);
                    added.Add(start);
                    if (seen && before >= end && emit != EmitPolicy.Final)
                    {
                        Write(r.Asset, w, CalMode.Update); // accepted into a window already due
                    }
                }
            }

            latest[r.Asset] = after;
            foreach (var ((asset, start), w) in windows.Where(x => x.Key.Asset == r.Asset).OrderBy(x => x.Key.Start).ToList())
            {
                bool wasDue = seen && before >= w.End;
                if (emit == EmitPolicy.Final)
                {
                    if (after >= w.End + lateness)
                    {
                        Write(asset, w, CalMode.Final);
                        windows.Remove((asset, start));
                    }

                    continue;
                }

                if (!wasDue && after >= w.End)
                {
                    Write(asset, w, CalMode.Ontime);
                }
                else if (emit == EmitPolicy.Early && !wasDue && seen && (!added.Contains(start) || hadValue.Contains(start)))
                {
                    // The first tick s + k·D (k ≥ 1, before the end) after the latest time before
                    // the record, passed by the record, in a window that had a value before it.
                    long tick = before < w.Start ? w.Start + earlyEvery : w.Start + (((before - w.Start) / earlyEvery) + 1) * earlyEvery;
                    if (tick < w.End && tick <= after)
                    {
                        Write(asset, w, CalMode.Early);
                    }
                }

                if (after >= w.End + lateness)
                {
                    windows.Remove((asset, start)); // expired: can no longer change
                }
            }
        }

        // End of input: what is open and was not written on time is written now.
        foreach (var ((asset, _), w) in windows.OrderBy(x => x.Key.Start))
        {
            if (emit == EmitPolicy.Final)
            {
                Write(asset, w, CalMode.Final);
            }
            else if (latest[asset] < w.End)
            {
                Write(asset, w, CalMode.Ontime);
            }
        }

        return expected;
    }

    /// <summary>The actual outputs of <see cref="CountPoint"/> and <see cref="SumPoint"/>, as sequences per window.</summary>
    public static Dictionary<OutputKey, List<(CalMode Mode, double Value)>> Sequences(IEnumerable<Emitted> outputs)
    {
        var result = new Dictionary<OutputKey, List<(CalMode, double)>>();
        foreach (Emitted e in outputs.Where(e => e.Point == CountPoint || e.Point == SumPoint))
        {
            var key = new OutputKey(e.Asset, e.Point, e.Time);
            if (!result.TryGetValue(key, out var list))
            {
                result[key] = list = [];
            }

            list.Add((e.Mode, e.Value));
        }

        return result;
    }

    private sealed class Window(long start, long end)
    {
        public long Start { get; } = start;

        public long End { get; } = end;

        public List<double> Values { get; } = [];
    }
}
