using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Support;

namespace Dsl.Runtime.Tests.Oracles;

/// <summary>
/// Reference for <see cref="OracleMergeJob"/>: each evaluation looks at the valid records that have
/// arrived so far, taking per point the latest at or before the evaluation time (ties: the later
/// arrival), missing when older than hold.
/// </summary>
public static class MergeOracle
{
    public static Dictionary<OutputKey, double> OnPower(IReadOnlyList<TestRecord> records, long hold)
    {
        var expected = new Dictionary<OutputKey, double>();
        for (int i = 0; i < records.Count; i++)
        {
            TestRecord r = records[i];
            if (r.Point == OracleModel.Power && Valid(r))
            {
                Evaluate(expected, records, i, r.Asset, r.Time, hold);
            }
        }

        return expected;
    }

    /// <summary><c>every D</c>: grid times after the asset's first record, evaluated once its latest time passes them.</summary>
    public static Dictionary<OutputKey, double> Every(IReadOnlyList<TestRecord> records, OracleWindow grid, long hold)
    {
        var expected = new Dictionary<OutputKey, double>();
        var latest = new Dictionary<string, long>();
        var next = new Dictionary<string, (long Start, long End)>();
        for (int i = 0; i < records.Count; i++)
        {
            TestRecord r = records[i];
            if (r.Point is not (OracleModel.Power or OracleModel.Reactive))
            {
                continue;
            }

            TimeZoneInfo zone = OracleAssets.Zone(r.Asset);
            if (!next.ContainsKey(r.Asset))
            {
                var w = grid.Containing(r.Time, zone)[0];
                next[r.Asset] = w.Start == r.Time ? w : grid.Next(w, zone);
                latest[r.Asset] = r.Time;
            }

            latest[r.Asset] = Math.Max(latest[r.Asset], r.Time);
            while (next[r.Asset].Start < latest[r.Asset])
            {
                Evaluate(expected, records, i, r.Asset, next[r.Asset].Start, hold);
                next[r.Asset] = grid.Next(next[r.Asset], zone);
            }
        }

        // End of input: grid times up to and including the latest time.
        foreach (var (asset, last) in latest)
        {
            while (next[asset].Start <= last)
            {
                Evaluate(expected, records, records.Count - 1, asset, next[asset].Start, hold);
                next[asset] = grid.Next(next[asset], OracleAssets.Zone(asset));
            }
        }

        return expected;
    }

    private static void Evaluate(Dictionary<OutputKey, double> expected, IReadOnlyList<TestRecord> records, int upTo, string asset, long time, long hold)
    {
        // The values of each point arrived so far, sorted by (time, arrival).
        List<(long Time, double Value)> History(int point)
        {
            var values = new List<(long Time, int Arrival, double Value)>();
            for (int i = 0; i <= upTo; i++)
            {
                TestRecord r = records[i];
                if (r.Asset == asset && r.Point == point && Valid(r))
                {
                    values.Add((r.Time, i, r.Value));
                }
            }

            return values.OrderBy(v => v.Time).ThenBy(v => v.Arrival).Select(v => (v.Time, v.Value)).ToList();
        }

        var power = History(OracleModel.Power);
        var reactive = History(OracleModel.Reactive);
        int p = power.FindLastIndex(v => v.Time <= time);
        int q = reactive.FindLastIndex(v => v.Time <= time);
        bool hasP = p >= 0 && time - power[p].Time <= hold;
        bool hasQ = q >= 0 && time - reactive[q].Time <= hold;
        int first = OracleModel.FirstMergeOutput;
        double? rated = OracleAssets.Rated(asset);
        if (hasP && hasQ)
        {
            expected[new OutputKey(asset, first, time)] = Math.Sqrt((power[p].Value * power[p].Value) + (reactive[q].Value * reactive[q].Value));
        }

        if (hasP && rated is double r)
        {
            expected[new OutputKey(asset, first + 1, time)] = power[p].Value / r;
        }

        if (hasP && p > 0)
        {
            expected[new OutputKey(asset, first + 2, time)] = power[p].Value - power[p - 1].Value;
        }

        if (hasQ)
        {
            expected[new OutputKey(asset, first + 3, time)] = (time - reactive[q].Time) / 1000.0;
        }

        int hour = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(time), OracleAssets.Zone(asset)).Hour;
        expected[new OutputKey(asset, first + 4, time)] = (hasQ ? reactive[q].Value : 0) + hour;
    }

    private static bool Valid(TestRecord r) => r.Point != OracleModel.Power || OracleModel.PowerRange.Contains(r.Value);
}
